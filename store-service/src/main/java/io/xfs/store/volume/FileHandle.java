package io.xfs.store.volume;

import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FileChannel} that a thread interrupt cannot break for everybody. NIO closes a file channel
 * when a thread blocked in (or entering) an operation on it is interrupted, which would turn one
 * cancelled request into a dead volume for all. Every operation here runs with the caller's interrupt
 * status put aside and restored afterwards, and if the channel was closed under it anyway it is reopened
 * and the (idempotent) operation retried once. Thread-safe.
 */
final class FileHandle {
    private static final Logger LOG = LoggerFactory.getLogger(FileHandle.class);

    /** One operation on the channel; must be safe to run again from the start on a fresh channel. */
    @FunctionalInterface
    interface Operation<T> {
        T apply(FileChannel channel) throws IOException;
    }

    private final Path path;
    private volatile FileChannel channel;
    private volatile boolean closed;

    FileHandle(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens {@code path}; a file it creates is 0600 (docs/operations.md, "File modes"). */
    static FileHandle open(Path path, StandardOpenOption... options) throws IOException {
        return new FileHandle(path, FileChannel.open(path, EnumSet.copyOf(Arrays.asList(options)),
                PrivateFiles.fileAttributes()));
    }

    Path path() {
        return path;
    }

    <T> T io(Operation<T> operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel current = channel;
            try {
                return operation.apply(current);
            } catch (ClosedChannelException e) {
                if (closed || current.isOpen()) {
                    throw e;
                }
                FileChannel fresh = reopen(current);
                interrupted |= Thread.interrupted();
                return operation.apply(fresh);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** fdatasync: the data and the file length, not the timestamps. */
    void force() throws IOException {
        io(channel -> {
            channel.force(false);
            return null;
        });
    }

    void truncate(long size) throws IOException {
        io(channel -> channel.truncate(size));
    }

    private synchronized FileChannel reopen(FileChannel broken) throws IOException {
        if (channel != broken) {
            return channel;
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        LOG.warn("{}: the channel was closed by an interrupted thread; reopening it", path);
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return channel;
    }

    /** Closes for good: later operations fail instead of reopening (the path may name another file by then). */
    synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
