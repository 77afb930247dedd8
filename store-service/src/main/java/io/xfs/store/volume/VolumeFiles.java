package io.xfs.store.volume;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/**
 * The names of every file a volume owns, in one place, and the directory fsync that makes creating and
 * renaming them durable. Volume ids are zero-padded to 10 digits so that {@code ls} sorts them.
 * <pre>
 * 0000000007.dat                the volume (needles)
 * 0000000007.idx                its index
 * 0000000007.dat.compacting     compaction output, complete only once the compaction log says COMMIT
 * 0000000007.idx.compacting     the index of that output
 * 0000000007.compaction         the compaction log (its phase)
 * *.tmp                         a file being created; deleted on open
 * </pre>
 */
final class VolumeFiles {
    static final String DATA_SUFFIX = ".dat";
    static final String INDEX_SUFFIX = ".idx";
    static final String COMPACTING_SUFFIX = ".compacting";
    static final String COMPACTION_LOG_SUFFIX = ".compaction";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final int vid;

    VolumeFiles(Path dir, int vid) {
        if (vid < 0) {
            throw new IllegalArgumentException("volume id must not be negative: " + vid);
        }
        this.dir = dir;
        this.vid = vid;
    }

    static String baseName(int vid) {
        return String.format("%010d", vid);
    }

    /** The volume id of a data file name such as {@code 0000000007.dat}, empty for any other name. */
    static OptionalInt parseDataFile(String fileName) {
        if (!fileName.endsWith(DATA_SUFFIX)) {
            return OptionalInt.empty();
        }
        String digits = fileName.substring(0, fileName.length() - DATA_SUFFIX.length());
        if (digits.length() != 10 || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        long vid = Long.parseLong(digits);
        return vid <= Integer.MAX_VALUE ? OptionalInt.of((int) vid) : OptionalInt.empty();
    }

    Path dir() {
        return dir;
    }

    Path data() {
        return dir.resolve(baseName(vid) + DATA_SUFFIX);
    }

    Path index() {
        return dir.resolve(baseName(vid) + INDEX_SUFFIX);
    }

    Path compactingData() {
        return dir.resolve(baseName(vid) + DATA_SUFFIX + COMPACTING_SUFFIX);
    }

    Path compactingIndex() {
        return dir.resolve(baseName(vid) + INDEX_SUFFIX + COMPACTING_SUFFIX);
    }

    Path compactionLog() {
        return dir.resolve(baseName(vid) + COMPACTION_LOG_SUFFIX);
    }

    /** The marker of a replica still being filled by a copy (see {@link VolumeManager#markIncomplete}). */
    static Path incompleteMarker(Path dir, int vid) {
        return dir.resolve(baseName(vid) + ".incomplete");
    }

    /** Where a copy into volume {@code vid} stands (see {@link VolumeManager#copyCursor}). */
    static Path copyCursor(Path dir, int vid) {
        return dir.resolve(baseName(vid) + ".copy");
    }

    static Path temp(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    /** Makes creations, renames and deletions in {@code dir} durable (an fsync of the directory itself). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Atomically replaces {@code target} by {@code source} and syncs the directory. */
    static void renameDurably(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    static boolean deleteIfExists(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }
}
