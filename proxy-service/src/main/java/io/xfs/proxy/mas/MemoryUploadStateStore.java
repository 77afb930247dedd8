package io.xfs.proxy.mas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link UploadStateStore} in this JVM, for a single proxy without Redis: uploads in progress are lost
 * when the proxy stops (their temporary chunk files are then reclaimed by the cleaner's sweep of the
 * uploads directory). Each operation is one atomic {@code compute} on a concurrent map. Thread-safe.
 */
final class MemoryUploadStateStore implements UploadStateStore {
    private final ConcurrentMap<String, UploadState> uploads = new ConcurrentHashMap<>();

    @Override
    public Init init(String hash, String name, long size, Instant now) {
        List<ChunkRef> dropped = new ArrayList<>();
        UploadState state = uploads.compute(hash, (key, old) -> {
            if (old != null && old.size() == size) {
                return new UploadState(hash, name, size, old.created(), now, old.chunks());
            }
            if (old != null) {
                dropped.addAll(old.chunks().values());
            }
            return new UploadState(hash, name, size, now, now, new TreeMap<>());
        });
        return new Init(state, dropped);
    }

    @Override
    public Optional<UploadState> find(String hash) {
        return Optional.ofNullable(uploads.get(hash));
    }

    @Override
    public Optional<ChunkRef> putChunk(String hash, ChunkRef chunk, Instant now) {
        AtomicReference<ChunkRef> recorded = new AtomicReference<>();
        uploads.computeIfPresent(hash, (key, state) -> {
            ChunkRef existing = state.chunks().get(chunk.number());
            recorded.set(existing != null ? existing : chunk);
            return state.withChunk(recorded.get(), now);
        });
        return Optional.ofNullable(recorded.get());
    }

    @Override
    public Optional<UploadState> remove(String hash) {
        return Optional.ofNullable(uploads.remove(hash));
    }

    @Override
    public Optional<UploadState> removeIfIdle(String hash, Instant cutoff) {
        AtomicReference<UploadState> removed = new AtomicReference<>();
        uploads.computeIfPresent(hash, (key, state) -> {
            if (state.updated().isBefore(cutoff)) {
                removed.set(state);
                return null;
            }
            return state;
        });
        return Optional.ofNullable(removed.get());
    }

    @Override
    public List<String> idleSince(Instant cutoff, int limit) {
        return uploads.values().stream()
                .filter(state -> state.updated().isBefore(cutoff))
                .map(UploadState::hash)
                .limit(limit)
                .toList();
    }
}
