package io.xfs.store.volume;

import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The compaction log ({@code <vid>.compaction}): the persisted phase of a running compaction, which
 * tells the loader after a crash whether to roll the compaction back or forward. Each phase change
 * writes a temp file, syncs it and renames it over the log, so the log is always one whole phase.
 * <pre>
 * 0          4         5       6        8          12
 * +----------+---------+-------+--------+----------+
 * | "XFCL"   | version | phase | 00 00  |  crc32c  |
 * +----------+---------+-------+--------+----------+
 *                                         of bytes 0-7
 * </pre>
 */
final class CompactionLog {
    /**
     * The phases. No log at all means no compaction (or one that finished: DONE).
     * PREPARE: the log exists, nothing else yet. COPY: the compacting files are being written, incomplete.
     * COMMIT: the compacting files are complete and durable; the renames over the volume's files are
     * under way. PREPARE and COPY roll back (delete the compacting files), COMMIT rolls forward.
     */
    enum Phase { PREPARE, COPY, COMMIT }

    static final int MAGIC = 0x5846434C; // "XFCL"
    static final byte CURRENT_VERSION = 1;
    static final int SIZE = 12;

    private CompactionLog() {
    }

    static void write(Path log, Phase phase) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.putInt(MAGIC).put(CURRENT_VERSION).put((byte) phase.ordinal()).putShort((short) 0);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, 8);
        buffer.putInt((int) crc.getValue()).flip();
        Path temp = VolumeFiles.temp(log);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), PrivateFiles.fileAttributes())) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        VolumeFiles.renameDurably(temp, log);
    }

    /** The phase in {@code log}; an unreadable log fails rather than guess which way to recover. */
    static Phase read(Path log) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Math.min(8, bytes.length));
        if (bytes.length != SIZE || buffer.getInt(0) != MAGIC || buffer.getInt(8) != (int) crc.getValue()) {
            throw new IOException(log + ": damaged compaction log; cannot tell whether to keep "
                    + "the compacted files (inspect by hand)");
        }
        if (buffer.get(4) != CURRENT_VERSION || buffer.get(5) < 0 || buffer.get(5) >= Phase.values().length) {
            throw new IOException(log + ": unsupported compaction log version " + buffer.get(4) + " / phase " + buffer.get(5));
        }
        return Phase.values()[buffer.get(5)];
    }

    static void delete(Path log) throws IOException {
        if (Files.deleteIfExists(log)) {
            VolumeFiles.syncDirectory(log.getParent());
        }
    }
}
