package io.xfs.store.volume;

import java.nio.ByteBuffer;

/**
 * The index file format of SPEC §5: a headerless sequence of 16-byte big-endian records in the order
 * the volume changed.
 * <pre>
 * 0                8          12         16
 * +----------------+----------+----------+
 * |      key       |  offset  |   size   |
 * +----------------+----------+----------+
 *      int64        uint32 in   int32
 *                   8-byte units
 * </pre>
 * An append record names the needle's position and data size. A delete record names the position of the
 * needle it deletes with size {@link #TOMBSTONE}. The index is derived data: it may lag the volume (the
 * loader scans the volume past the last indexed needle) and is rebuilt from the volume when damaged.
 */
final class IndexFormat {
    static final int KEY_OFFSET = 0;
    static final int OFFSET_OFFSET = KEY_OFFSET + Long.BYTES;
    static final int SIZE_OFFSET = OFFSET_OFFSET + Integer.BYTES;
    static final int RECORD_SIZE = SIZE_OFFSET + Integer.BYTES;
    static final int TOMBSTONE = -1;

    private IndexFormat() {
    }

    static void put(ByteBuffer buffer, long key, int offsetUnits, int size) {
        buffer.putLong(key).putInt(offsetUnits).putInt(size);
    }
}
