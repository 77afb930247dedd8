package io.xfs.proxy.mas;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of chunked uploads, by content hash: shared by every proxy when it lives in Redis, so that an
 * upload survives a proxy restart and its chunks may arrive through different proxies. Every method is
 * atomic on one upload. Implementations are thread-safe.
 */
interface UploadStateStore extends AutoCloseable {

    /**
     * Starts an upload, or resumes the one already under way for {@code hash} with the same size (taking
     * the new name). An upload under way with another size is replaced, and its chunks are returned as
     * {@link Init#dropped} for the caller to delete.
     */
    Init init(String hash, String name, long size, Instant now);

    Optional<UploadState> find(String hash);

    /**
     * Records {@code chunk} unless one with its number is already there, and returns the chunk now
     * recorded under that number (the given one or the earlier one); empty if no upload is under way.
     */
    Optional<ChunkRef> putChunk(String hash, ChunkRef chunk, Instant now);

    /** Removes an upload and returns it, with its chunks, for the caller to delete. */
    Optional<UploadState> remove(String hash);

    /** Removes the upload if it was last touched before {@code cutoff}, and returns it. */
    Optional<UploadState> removeIfIdle(String hash, Instant cutoff);

    /** Hashes of uploads last touched before {@code cutoff}, at most {@code limit}. */
    List<String> idleSince(Instant cutoff, int limit);

    @Override
    default void close() {
    }

    /** What {@link #init} found or made, and the chunks of a replaced upload. */
    record Init(UploadState state, List<ChunkRef> dropped) {
        public Init {
            dropped = List.copyOf(dropped);
        }
    }
}
