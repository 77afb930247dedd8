package io.xfs.common.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a store's {@code GET /get}, still being received. Reading it may throw an {@link IOException}
 * part-way: a store aborts the connection rather than finish a needle whose CRC does not match, so a caller
 * must treat a short or failed read as an error, never as the end of the needle. Close it when done.
 *
 * @param body      the bytes of the needle (or of the requested range)
 * @param offset    where the body starts inside the needle
 * @param length    how many bytes the body holds
 * @param totalSize the needle's whole size
 */
public record NeedleStream(InputStream body, long offset, long length, long totalSize) implements Closeable {

    /** True when the body is a part of the needle (the store answered 206). */
    public boolean partial() {
        return offset != 0 || length != totalSize;
    }

    /** Reads the whole body; fails if the store sent fewer bytes than announced. */
    public byte[] readAll() throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
            if (bytes.length != length) {
                throw new IOException("needle body ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
