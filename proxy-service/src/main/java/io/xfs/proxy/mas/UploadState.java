package io.xfs.proxy.mas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A chunked upload in progress for content {@code hash}: the name and size given to {@code init}, when it
 * started and was last touched, and the chunks received so far by number.
 */
record UploadState(String hash, String name, long size, Instant created, Instant updated,
                   SortedMap<Integer, ChunkRef> chunks) {

    UploadState {
        chunks = Collections.unmodifiableSortedMap(new TreeMap<>(chunks));
    }

    long receivedBytes() {
        return chunks.values().stream().mapToLong(ChunkRef::size).sum();
    }

    /** Chunk numbers from 1 up to the highest received that have not arrived. */
    List<Integer> missingChunks() {
        List<Integer> missing = new ArrayList<>();
        int highest = chunks.isEmpty() ? 0 : chunks.lastKey();
        for (int n = 1; n <= highest; n++) {
            if (!chunks.containsKey(n)) {
                missing.add(n);
            }
        }
        return missing;
    }

    UploadState withChunk(ChunkRef chunk, Instant now) {
        SortedMap<Integer, ChunkRef> more = new TreeMap<>(chunks);
        more.put(chunk.number(), chunk);
        return new UploadState(hash, name, size, created, now, more);
    }
}
