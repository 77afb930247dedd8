package io.xfs.common.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * What a request sends: a length known up front (always sent as {@code Content-Length}; the internal APIs
 * never need chunked uploads) and a way to write it. A body held in memory is {@linkplain #replayable()
 * replayable}, so a request on a kept-alive connection the server had closed can be sent again.
 */
public abstract sealed class RequestBody {
    private static final RequestBody EMPTY = new Bytes(new byte[0], 0, 0);

    private final long length;
    private final boolean replayable;

    private RequestBody(long length, boolean replayable) {
        this.length = length;
        this.replayable = replayable;
    }

    public final long length() {
        return length;
    }

    /** True when {@link #writeTo} may run again (the bytes are in memory). */
    final boolean replayable() {
        return replayable;
    }

    abstract void writeTo(OutputStream out) throws IOException;

    /** Feeds the body to {@code digest}; false (and nothing fed) when it is a stream, read only as it is sent. */
    public boolean digestTo(MessageDigest digest) {
        if (!replayable) {
            return false;
        }
        try {
            writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    digest.update(b, off, len);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("a body in memory cannot fail to write", e);
        }
        return true;
    }

    public static RequestBody empty() {
        return EMPTY;
    }

    public static RequestBody of(byte[] bytes) {
        return new Bytes(bytes, 0, bytes.length);
    }

    public static RequestBody of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Bytes(bytes, offset, length);
    }

    /** The parts one after the other, as one body (a multipart upload assembled without copying). */
    public static RequestBody of(List<byte[]> parts) {
        return new Parts(List.copyOf(parts));
    }

    /** Exactly {@code length} bytes read from {@code in} as they are sent; fails if it ends sooner. */
    public static RequestBody of(InputStream in, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        return new Stream(in, length);
    }

    private static final class Bytes extends RequestBody {
        private final byte[] bytes;
        private final int offset;

        Bytes(byte[] bytes, int offset, int length) {
            super(length, true);
            this.bytes = bytes;
            this.offset = offset;
        }

        @Override
        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, offset, (int) length());
        }
    }

    private static final class Parts extends RequestBody {
        private final List<byte[]> parts;

        Parts(List<byte[]> parts) {
            super(parts.stream().mapToLong(part -> part.length).sum(), true);
            this.parts = parts;
        }

        @Override
        void writeTo(OutputStream out) throws IOException {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
    }

    private static final class Stream extends RequestBody {
        private final InputStream in;

        Stream(InputStream in, long length) {
            super(length, false);
            this.in = in;
        }

        @Override
        void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, length()))];
            long left = length();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("request body ended " + left + " bytes short of its length " + length());
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
