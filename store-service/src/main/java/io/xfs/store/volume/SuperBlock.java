package io.xfs.store.volume;

import java.nio.ByteBuffer;

/**
 * The 8-byte super block that opens every volume file (SPEC §5).
 *
 * <pre>
 * 0      4        5        8
 * +------+--------+--------+
 * | AB CD EF 00   | version| 00 00 00 |
 * +------+--------+--------+
 * </pre>
 * Only {@link #CURRENT_VERSION} exists; a file with another version is refused, never guessed at.
 */
final class SuperBlock {
    static final int MAGIC = 0xABCDEF00;
    static final byte CURRENT_VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    static final int SIZE = 8;

    private SuperBlock() {
    }

    static ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.putInt(MAGIC_OFFSET, MAGIC).put(VERSION_OFFSET, CURRENT_VERSION);
        return buffer;
    }

    /** Throws {@link CorruptNeedleException} unless {@code buffer} (8 bytes from its position) is a valid super block. */
    static void sanityCheck(ByteBuffer buffer, String file) {
        int at = buffer.position();
        if (buffer.remaining() < SIZE || buffer.getInt(at + MAGIC_OFFSET) != MAGIC) {
            throw new CorruptNeedleException(file + ": not a volume file (bad super block magic)", 0);
        }
        byte version = buffer.get(at + VERSION_OFFSET);
        if (version != CURRENT_VERSION) {
            throw new CorruptNeedleException(file + ": unsupported volume version " + version, 0);
        }
        for (int i = VERSION_OFFSET + 1; i < SIZE; i++) {
            if (buffer.get(at + i) != 0) {
                throw new CorruptNeedleException(file + ": super block reserved bytes are not zero", 0);
            }
        }
    }
}
