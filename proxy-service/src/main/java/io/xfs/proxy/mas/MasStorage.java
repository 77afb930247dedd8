package io.xfs.proxy.mas;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the mas API uses it: finished files by content hash, and the temporary files that hold
 * the chunks of uploads in progress, all in the private bucket. Failures are
 * {@link io.xfs.common.error.XfsException}s with the proxy's error codes. Implementations are thread-safe.
 */
interface MasStorage {

    /** The stored file with this content, if any. */
    Optional<MasFile> find(String hash);

    /** Stores {@code content}, whose SHA-256 the caller has checked to be {@code hash}. */
    MasFile store(String hash, String name, String mime, Spool content) throws IOException;

    /** Writes {@code length} bytes of {@code file} from {@code offset} to {@code out}. */
    void read(MasFile file, long offset, long length, OutputStream out) throws IOException;

    /** Stores one chunk of an upload in progress under a new, unique name, which it returns. */
    String storeChunk(String hash, int number, Spool content) throws IOException;

    /** Writes a whole chunk to {@code out}. */
    void readChunk(String chunkFile, OutputStream out) throws IOException;

    /** Deletes a chunk; one already gone is not an error. */
    void deleteChunk(String chunkFile);

    /**
     * Chunk files of uploads whose directory was last written before {@code cutoff}, at most {@code limit}:
     * what remains of uploads whose state was lost (a memory store after a restart, a crash between
     * storing a chunk and recording it).
     */
    List<String> chunkFilesOlderThan(Instant cutoff, int limit);
}
