package io.xfs.store.volume;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The needle format of SPEC §5, big-endian, each needle starting at a multiple of 8 bytes:
 * <pre>
 * 0          4        8                16     17       21           21+size    25+size  29+size
 * +----------+--------+----------------+------+--------+---- ... ----+----------+--------+---------+
 * | 12345678 | cookie |      key       | flag |  size  |    data     | 87654321 | crc32c | 0-pad   |
 * +----------+--------+----------------+------+--------+---- ... ----+----------+--------+---------+
 *   magic      int32       int64        0|1    int32     size bytes    magic      uint32   to 8n
 * </pre>
 * The CRC32C covers cookie, key, size and data, in that order, but not the flag: a delete rewrites the
 * flag in place and must not invalidate the checksum. Positions are stored in 8-byte units as uint32
 * ({@link #toUnits}), so a volume addresses 32 GiB.
 */
final class NeedleFormat {
    static final int HEADER_MAGIC = 0x12345678;
    static final int FOOTER_MAGIC = 0x87654321;
    static final byte FLAG_LIVE = 0;
    static final byte FLAG_DELETED = 1;

    static final int MAGIC_OFFSET = 0;
    static final int COOKIE_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    static final int KEY_OFFSET = COOKIE_OFFSET + Integer.BYTES;
    static final int FLAG_OFFSET = KEY_OFFSET + Long.BYTES;
    static final int SIZE_OFFSET = FLAG_OFFSET + 1;
    static final int HEADER_SIZE = SIZE_OFFSET + Integer.BYTES;
    /** Footer magic and CRC. */
    static final int FOOTER_SIZE = Integer.BYTES + Integer.BYTES;
    static final int ALIGNMENT = 8;
    /** The largest data size whose needle length still fits an int. */
    static final int MAX_DATA_SIZE = Integer.MAX_VALUE - HEADER_SIZE - FOOTER_SIZE - ALIGNMENT;

    private static final byte[] ZEROS = new byte[ALIGNMENT];

    private NeedleFormat() {
    }

    /** Bytes a needle of {@code size} data bytes takes in the file, padding included. */
    static long needleLength(int size) {
        return align((long) HEADER_SIZE + size + FOOTER_SIZE);
    }

    static long align(long length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    static int toUnits(long position) {
        return (int) (position / ALIGNMENT);
    }

    static long toPosition(int units) {
        return Integer.toUnsignedLong(units) * ALIGNMENT;
    }

    /** Writes the 21-byte header into {@code buffer} at its position and advances it. */
    static void putHeader(ByteBuffer buffer, int cookie, long key, byte flag, int size) {
        buffer.putInt(HEADER_MAGIC).putInt(cookie).putLong(key).put(flag).putInt(size);
    }

    /** Writes footer magic, CRC and the zero padding for a needle of {@code size} data bytes. */
    static void putFooter(ByteBuffer buffer, int crc, int size) {
        buffer.putInt(FOOTER_MAGIC).putInt(crc);
        int padding = (int) (needleLength(size) - HEADER_SIZE - size - FOOTER_SIZE);
        buffer.put(ZEROS, 0, padding);
    }

    /** Footer plus padding bytes after the data. */
    static int trailerLength(int size) {
        return (int) (needleLength(size) - HEADER_SIZE - size);
    }

    /** A CRC32C primed with cookie, key and size; feed it the data, then compare {@link #crcValue}. */
    static CRC32C startCrc(int cookie, long key, int size) {
        CRC32C crc = new CRC32C();
        ByteBuffer fields = ByteBuffer.allocate(Integer.BYTES + Long.BYTES + Integer.BYTES);
        fields.putInt(cookie).putLong(key).putInt(size).flip();
        crc.update(fields);
        return crc;
    }

    static int crcValue(CRC32C crc) {
        return (int) crc.getValue();
    }

    /** CRC of a whole needle; reads {@code data} from position to limit without moving them. */
    static int crc(int cookie, long key, ByteBuffer data) {
        CRC32C crc = startCrc(cookie, key, data.remaining());
        crc.update(data.duplicate());
        return crcValue(crc);
    }
}
