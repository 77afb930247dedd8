package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads through the mas API. A body is spooled and hashed before anything reaches the cluster, and only
 * content whose SHA-256 is the token's hash is stored, so nothing partial or wrong ever becomes visible.
 * Chunks are kept as temporary files in the private bucket (every proxy can read them, so chunks may
 * arrive through different proxies), recorded in the {@link UploadStateStore}, and assembled by
 * {@link #finish}. Thread-safe; concurrent requests for one upload are settled by the state store.
 */
final class MasUploads {
    private static final Logger log = LoggerFactory.getLogger(MasUploads.class);
    private static final int CLEANUP_BATCH = 1000;

    private final MasStorage storage;
    private final UploadStateStore states;
    private final Clock clock;
    private final Limits limits;

    /**
     * @param spoolDir     where bodies wait while they are hashed
     * @param memoryLimit  bodies up to this size are spooled in memory
     * @param abandonAfter an upload not touched for this long is removed with its chunks
     */
    record Limits(long maxFileSize, long maxChunkSize, Path spoolDir, int memoryLimit, Duration abandonAfter) {
    }

    /** The answer to a chunk: its number and how many chunks the upload now has. */
    record ChunkAnswer(int chunk, int received) {
    }

    MasUploads(MasStorage storage, UploadStateStore states, Clock clock, Limits limits) {
        this.storage = storage;
        this.states = states;
        this.clock = clock;
        this.limits = limits;
    }

    Optional<MasFile> find(String hash) {
        return storage.find(hash);
    }

    long maxFileSize() {
        return limits.maxFileSize();
    }

    /** Stores a whole file; its SHA-256 must be {@code hash}. */
    MasFile single(String hash, String rawName, String declaredMime, InputStream body) throws IOException {
        try (Spool spool = Spool.read(body, limits.spoolDir(), limits.memoryLimit(), limits.maxFileSize(),
                () -> tooLarge(limits.maxFileSize()))) {
            requireHash(hash, spool);
            String name = MasNames.fileName(rawName, hash);
            return storage.store(hash, name, MasNames.mime(declaredMime, name), spool);
        }
    }

    /** Starts or resumes a chunked upload; the answer says whether the file is stored already. */
    MasFileData init(String hash, String rawName, long size) {
        Optional<MasFile> stored = storage.find(hash);
        if (stored.isPresent()) {
            return MasFileData.stored(stored.get());
        }
        if (size < 0) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "size must not be negative: " + size);
        }
        if (size > limits.maxFileSize()) {
            throw tooLarge(limits.maxFileSize());
        }
        UploadStateStore.Init init = states.init(hash, MasNames.fileName(rawName, hash), size, clock.instant());
        if (!init.dropped().isEmpty()) {
            log.info("upload {} restarted with size {}: dropping {} chunks of the earlier size", hash, size,
                    init.dropped().size());
            deleteChunks(init.dropped());
        }
        return MasFileData.inProgress(init.state());
    }

    /** Receives chunk {@code number} (from 1); the same bytes again are accepted, other bytes are a conflict. */
    ChunkAnswer chunk(String hash, int number, InputStream body) throws IOException {
        UploadState state = states.find(hash).orElseThrow(() -> new XfsException(ErrorCode.BAD_ARGUMENT,
                "no upload in progress for " + hash + ": call /api/file/upload/init first"));
        if (number < 1 || number > Math.max(1, state.size())) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "chunk number must be between 1 and the file size, got "
                    + number);
        }
        try (Spool spool = Spool.read(body, limits.spoolDir(), limits.memoryLimit(), limits.maxChunkSize(),
                () -> new XfsException(ErrorCode.CHUNK_TOO_LARGE,
                        "a chunk may have at most " + limits.maxChunkSize() + " bytes"))) {
            if (spool.size() == 0) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "chunk " + number + " is empty");
            }
            ChunkRef earlier = state.chunks().get(number);
            if (earlier != null) {
                return sameOrConflict(earlier, spool, state.chunks().size());
            }
            if (state.receivedBytes() + spool.size() > state.size()) {
                throw new XfsException(ErrorCode.LENGTH_MISMATCH, "chunk " + number + " (" + spool.size()
                        + " bytes) makes the upload larger than its declared size " + state.size());
            }
            String file = storage.storeChunk(hash, number, spool);
            ChunkRef mine = new ChunkRef(number, spool.size(), spool.sha256(), file);
            Optional<ChunkRef> recorded = states.putChunk(hash, mine, clock.instant());
            if (recorded.isEmpty()) {
                storage.deleteChunk(file);
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "the upload of " + hash
                        + " ended meanwhile (finished or abandoned): call /api/file/upload/init again");
            }
            if (!recorded.get().file().equals(file)) {
                // Another request recorded this number first: keep theirs.
                storage.deleteChunk(file);
                return sameOrConflict(recorded.get(), spool, states.find(hash).map(s -> s.chunks().size()).orElse(0));
            }
            return new ChunkAnswer(number, states.find(hash).map(s -> s.chunks().size()).orElse(number));
        }
    }

    /** Assembles chunks 1..n, checks the whole SHA-256 and stores the file, then drops the chunks. */
    MasFile finish(String hash) throws IOException {
        Optional<MasFile> stored = storage.find(hash);
        if (stored.isPresent()) {
            states.remove(hash).ifPresent(state -> deleteChunks(state.chunks().values()));
            return stored.get();
        }
        UploadState state = states.find(hash).orElseThrow(() -> new XfsException(ErrorCode.MISSING_CHUNKS,
                "no upload in progress for " + hash + ": call /api/file/upload/init and send the chunks"));
        List<Integer> missing = state.missingChunks();
        if (!missing.isEmpty() || state.receivedBytes() != state.size()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("missing", missing);
            details.put("chunks", List.copyOf(state.chunks().keySet()));
            details.put("received", state.receivedBytes());
            details.put("size", state.size());
            throw new MasException(ErrorCode.MISSING_CHUNKS, missing.isEmpty()
                    ? "received " + state.receivedBytes() + " of " + state.size() + " bytes: chunks after "
                            + state.chunks().size() + " are missing"
                    : "chunks " + missing + " are missing", details);
        }
        try (Spool.Writer writer = Spool.writer(limits.spoolDir(), limits.memoryLimit(), limits.maxFileSize(),
                () -> tooLarge(limits.maxFileSize()))) {
            for (ChunkRef chunk : state.chunks().values()) {
                storage.readChunk(chunk.file(), writer);
            }
            try (Spool spool = writer.finish()) {
                if (!spool.sha256().equals(hash)) {
                    // Some chunk holds other bytes than the client meant; nobody can tell which, so start over.
                    states.remove(hash).ifPresent(s -> deleteChunks(s.chunks().values()));
                    throw new XfsException(ErrorCode.HASH_MISMATCH, "the chunks put together have SHA-256 "
                            + spool.sha256() + ", not " + hash + "; the upload was discarded, start it again");
                }
                MasFile file = storage.store(hash, state.name(), MasNames.mime(null, state.name()), spool);
                states.remove(hash).ifPresent(s -> deleteChunks(s.chunks().values()));
                return file;
            }
        }
    }

    /**
     * Removes uploads not touched for {@code abandonAfter} with their chunks, and chunk files that no
     * upload knows (left by a lost memory state or a crash) once they are that old. Returns how many
     * uploads and stray chunk files it removed.
     */
    int cleanUpAbandoned() {
        Instant cutoff = clock.instant().minus(limits.abandonAfter());
        int removed = 0;
        for (String hash : states.idleSince(cutoff, CLEANUP_BATCH)) {
            Optional<UploadState> idle = states.removeIfIdle(hash, cutoff);
            if (idle.isPresent()) {
                log.info("removing abandoned upload {} ({} chunks, last touched {})", hash,
                        idle.get().chunks().size(), idle.get().updated());
                deleteChunks(idle.get().chunks().values());
                removed++;
            }
        }
        Map<String, Optional<UploadState>> live = new HashMap<>();
        for (String file : storage.chunkFilesOlderThan(cutoff, CLEANUP_BATCH)) {
            String hash = MasStorageLayout.hashOfChunkFile(file);
            boolean known = live.computeIfAbsent(hash, states::find)
                    .map(state -> state.chunks().values().stream().anyMatch(c -> c.file().equals(file)))
                    .orElse(false);
            if (!known) {
                log.info("removing stray chunk file {}", file);
                storage.deleteChunk(file);
                removed++;
            }
        }
        return removed;
    }

    private ChunkAnswer sameOrConflict(ChunkRef earlier, Spool spool, int received) {
        if (earlier.sha256().equals(spool.sha256()) && earlier.size() == spool.size()) {
            return new ChunkAnswer(earlier.number(), received);
        }
        throw new XfsException(ErrorCode.CHUNK_CONFLICT, "chunk " + earlier.number()
                + " was received before with other bytes (SHA-256 " + earlier.sha256() + ")");
    }

    private void deleteChunks(Iterable<ChunkRef> chunks) {
        for (ChunkRef chunk : chunks) {
            storage.deleteChunk(chunk.file());
        }
    }

    private static void requireHash(String hash, Spool spool) {
        if (!spool.sha256().equals(hash)) {
            throw new XfsException(ErrorCode.HASH_MISMATCH, "the file's SHA-256 is " + spool.sha256()
                    + ", the token is for " + hash + "; nothing was stored");
        }
    }

    private static XfsException tooLarge(long max) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE, "the file is larger than " + max + " bytes");
    }
}
