package io.xfs.store.volume;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads whole needles, in the on-disk format (docs/storage-format.md), from a stream of raw volume bytes
 * such as {@link Volume#transferNeedles} writes: one needle in memory at a time, each checked (magics,
 * flag, size) and its CRC32C computed. Not thread-safe.
 */
public final class RawNeedleReader {
    /** One needle of the stream; {@code crcValid} false when its data does not match its CRC. */
    public record RawNeedle(long position, int cookie, long key, boolean deleted, ByteBuffer data, boolean crcValid) {
    }

    private final InputStream in;
    private final int maxSize;
    private final byte[] header = new byte[NeedleFormat.HEADER_SIZE];
    private long position;

    /**
     * @param in       the bytes, starting at a needle
     * @param position the volume position of the first byte (reported back in each needle)
     * @param maxSize  the largest data size accepted (bounds the memory a needle takes)
     */
    public RawNeedleReader(InputStream in, long position, int maxSize) {
        this.in = in;
        this.position = position;
        this.maxSize = maxSize;
    }

    /** The volume position after the last needle read. */
    public long position() {
        return position;
    }

    /** The next needle, or null at the end of the stream; an {@link IOException} for a malformed or cut one. */
    public @Nullable RawNeedle next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1);
        ByteBuffer h = ByteBuffer.wrap(header);
        if (h.getInt(NeedleFormat.MAGIC_OFFSET) != NeedleFormat.HEADER_MAGIC) {
            throw new IOException("bad needle header magic at " + position);
        }
        int cookie = h.getInt(NeedleFormat.COOKIE_OFFSET);
        long key = h.getLong(NeedleFormat.KEY_OFFSET);
        byte flag = h.get(NeedleFormat.FLAG_OFFSET);
        int size = h.getInt(NeedleFormat.SIZE_OFFSET);
        if (flag != NeedleFormat.FLAG_LIVE && flag != NeedleFormat.FLAG_DELETED) {
            throw new IOException("bad needle flag " + flag + " at " + position);
        }
        if (size < 0 || size > maxSize) {
            throw new IOException("needle of " + size + " bytes at " + position + " (at most " + maxSize + ")");
        }
        byte[] data = new byte[size];
        readFully(data, 0, size);
        byte[] trailer = new byte[NeedleFormat.trailerLength(size)];
        readFully(trailer, 0, trailer.length);
        ByteBuffer t = ByteBuffer.wrap(trailer);
        if (t.getInt(0) != NeedleFormat.FOOTER_MAGIC) {
            throw new IOException("bad needle footer magic at " + position);
        }
        CRC32C crc = NeedleFormat.startCrc(cookie, key, size);
        crc.update(data);
        boolean crcValid = t.getInt(Integer.BYTES) == NeedleFormat.crcValue(crc);
        RawNeedle needle = new RawNeedle(position, cookie, key, flag == NeedleFormat.FLAG_DELETED, ByteBuffer.wrap(data),
                crcValid);
        position += NeedleFormat.needleLength(size);
        return needle;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n < len) {
            throw new EOFException("needle stream cut at " + (position + off + n));
        }
    }
}
