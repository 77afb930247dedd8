package io.xfs.proxy.file;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * An upload body read once, as a sequence of chunks of at most {@code chunkSize} bytes, with SHA-1 and
 * SHA-256 of the whole computed on the way. Only the chunk being returned is held in memory; its buffer
 * grows with what actually arrives, so a small body never costs a whole chunk. Enforces the size limit and a
 * declared length. Not thread-safe.
 */
final class ChunkedBody {
    private static final int MIN_BUFFER = 64 * 1024;

    private final InputStream in;
    private final int chunkSize;
    private final long maxFileSize;
    private final long declaredLength;
    private final ContentHasher whole = new ContentHasher();
    private long total;
    private int pending = -1;
    private boolean eof;
    private boolean started;

    /** @param declaredLength the length the caller announced, or -1 when unknown */
    ChunkedBody(InputStream in, int chunkSize, long maxFileSize, long declaredLength) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.maxFileSize = maxFileSize;
        this.declaredLength = declaredLength;
    }

    record Chunk(byte[] data, int length) {
    }

    /** The next chunk; the first call always returns one (empty for an empty body), later ones null at the end. */
    @Nullable Chunk next() {
        if (started && !hasMore()) {
            return null;
        }
        started = true;
        long expected = declaredLength >= 0 ? Math.max(0, declaredLength - total) : MIN_BUFFER;
        byte[] buf = new byte[(int) Math.min(chunkSize, expected + (pending >= 0 ? 1 : 0))];
        int n = 0;
        if (pending >= 0) {
            buf[n++] = (byte) pending;
            pending = -1;
        }
        while (true) {
            if (n == buf.length) {
                if (n == chunkSize) {
                    break;
                }
                // The buffer holds what was expected: probe for more before growing it.
                int b = read();
                if (b < 0) {
                    eof = true;
                    break;
                }
                count(1);
                buf = grow(buf, n + 1);
                buf[n++] = (byte) b;
                continue;
            }
            int r = read(buf, n, buf.length - n);
            if (r < 0) {
                eof = true;
                break;
            }
            count(r);
            n += r;
        }
        if (!eof) {
            int b = read();
            if (b < 0) {
                eof = true;
            } else {
                count(1);
                pending = b;
            }
        }
        if (eof && declaredLength >= 0 && total != declaredLength) {
            throw new XfsException(ErrorCode.LENGTH_MISMATCH,
                    "body ended after " + total + " bytes, " + declaredLength + " were announced");
        }
        whole.update(buf, 0, n);
        return new Chunk(buf, n);
    }

    /** True while bytes remain after the chunks returned so far. */
    boolean hasMore() {
        return !eof || pending >= 0;
    }

    long total() {
        return total;
    }

    /** Digests of the whole body; call once, after the last chunk. */
    ContentHasher.Digests finish() {
        return whole.finish();
    }

    private byte[] grow(byte[] buf, int atLeast) {
        int size = (int) Math.min(chunkSize, Math.max(atLeast, Math.max((long) buf.length * 2, MIN_BUFFER)));
        byte[] bigger = new byte[size];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        return bigger;
    }

    private void count(int bytes) {
        total += bytes;
        if (total > maxFileSize) {
            throw new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "file is larger than the limit of " + maxFileSize + " bytes");
        }
        if (declaredLength >= 0 && total > declaredLength) {
            throw new XfsException(ErrorCode.LENGTH_MISMATCH,
                    "body is longer than the " + declaredLength + " bytes announced");
        }
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw bodyFailed(e);
        }
    }

    private int read(byte[] buf, int offset, int length) {
        try {
            return in.read(buf, offset, length);
        } catch (IOException e) {
            throw bodyFailed(e);
        }
    }

    private XfsException bodyFailed(IOException e) {
        return new XfsException(ErrorCode.BAD_BODY,
                "reading the request body failed after " + total + " bytes: " + e.getMessage(), e);
    }
}
