package io.xfs.common.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a service's data directory, as Kafka locks its log directories: the file
 * {@code <dir>/.lock} is locked with {@link FileChannel#tryLock()} for as long as the service runs, and holds
 * {@code <pid> <service>} so that a second process can say who owns the directory. Two stores writing the
 * same {@code .dat} files would be one copy presented as two (docs/operations.md, "Data directories").
 *
 * <p>The lock belongs to the process: the operating system drops it when the process dies, so a crash
 * leaves nothing to clean up; the file itself is kept. Closing releases it. Thread-safe.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if missing) for {@code service}.
     *
     * @throws DataDirLockedException when another process, or another service of this process, holds it
     */
    public static DataDirLock acquire(Path dir, String service) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another service of this JVM holds it: the same conflict
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new DataDirLockedException(dir, holder);
            }
            byte[] owner = (ProcessHandle.current().pid() + " " + service + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner), 0);
            channel.force(true);
            return new DataDirLock(dir, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dir + " (" + file + ")", e);
        }
    }

    /** The directory this lock owns. */
    public Path dir() {
        return dir;
    }

    /** Whether this process still holds the lock. */
    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** {@code "pid 1234, store"} from the lock file, or null when the holder did not write it (yet). */
    private static @Nullable String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        int space = text.indexOf(' ');
        if (space <= 0 || !text.substring(0, space).chars().allMatch(Character::isDigit)) {
            return null;
        }
        return "pid " + text.substring(0, space) + ", " + text.substring(space + 1);
    }

    /** A data directory another process (or another service of this one) already owns. */
    public static final class DataDirLockedException extends IllegalStateException {
        private final transient @Nullable String holder;

        DataDirLockedException(Path dir, @Nullable String holder) {
            super("the data directory " + dir + " is in use by another process ("
                    + (holder != null ? holder : "pid unknown") + "): each xfs service needs a data directory of"
                    + " its own (xfs.data-dir; docs/operations.md, \"Data directories\")");
            this.holder = holder;
        }

        /** {@code "pid 1234, store"}, or null if unknown. */
        public @Nullable String holder() {
            return holder;
        }
    }
}
