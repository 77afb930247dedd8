package io.xfs.proxy.mas;

import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A request body (or an assembled file) held aside until its SHA-256 is known, so that nothing whose hash
 * does not match its token is ever written to the cluster. Small bodies stay in memory; a body past
 * {@code memoryLimit} moves to a temp file {@code mas-*.part} in the spool directory, which
 * {@link #close()} deletes. Not thread-safe: one request owns a spool.
 */
final class Spool implements AutoCloseable {
    static final String TEMP_PREFIX = "mas-";
    static final String TEMP_SUFFIX = ".part";

    private final @Nullable byte[] bytes;
    private final @Nullable Path file;
    private final long size;
    private final String sha256;

    private Spool(@Nullable byte[] bytes, @Nullable Path file, long size, String sha256) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Writes into a new spool; {@link Writer#finish()} seals it. */
    static Writer writer(Path dir, int memoryLimit, long maxSize, Supplier<XfsException> tooLarge) {
        return new Writer(dir, memoryLimit, maxSize, tooLarge);
    }

    /** Reads {@code in} to its end into a spool. @throws XfsException from {@code tooLarge} past {@code maxSize} */
    static Spool read(InputStream in, Path dir, int memoryLimit, long maxSize, Supplier<XfsException> tooLarge)
            throws IOException {
        try (Writer writer = writer(dir, memoryLimit, maxSize, tooLarge)) {
            in.transferTo(writer);
            return writer.finish();
        }
    }

    long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the content. */
    String sha256() {
        return sha256;
    }

    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** The output side: counts, hashes and stores what is written, refusing more than the limit. */
    static final class Writer extends OutputStream {
        private final Path dir;
        private final int memoryLimit;
        private final long maxSize;
        private final Supplier<XfsException> tooLarge;
        private final MessageDigest digest;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private @Nullable Path file;
        private @Nullable OutputStream fileOut;
        private long size;
        private boolean finished;

        private Writer(Path dir, int memoryLimit, long maxSize, Supplier<XfsException> tooLarge) {
            this.dir = dir;
            this.memoryLimit = memoryLimit;
            this.maxSize = maxSize;
            this.tooLarge = tooLarge;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (size + len > maxSize) {
                throw tooLarge.get();
            }
            digest.update(b, off, len);
            size += len;
            if (fileOut == null && memory.size() + len > memoryLimit) {
                file = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory = new ByteArrayOutputStream(0);
            }
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        }

        /** Seals the spool; the writer hands the temp file (if any) over to it. */
        Spool finish() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
            finished = true;
            String sha256 = HexFormat.of().formatHex(digest.digest());
            return file != null ? new Spool(null, file, size, sha256) : new Spool(memory.toByteArray(), null, size, sha256);
        }

        /** Deletes the temp file unless {@link #finish()} handed it to a spool. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                if (fileOut != null) {
                    fileOut.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
