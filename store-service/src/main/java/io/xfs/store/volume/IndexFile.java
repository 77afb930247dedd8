package io.xfs.store.volume;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open index file ({@code <vid>.idx}, format in {@link IndexFormat}): appended by one writer at a
 * time (the group committer's leader, or the loader and compactor before the volume is shared),
 * read sequentially only while loading. Not thread-safe.
 */
final class IndexFile implements Closeable {
    private final Path path;
    private final FileChannel channel;

    private IndexFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens the index, creating it (and syncing the directory) when absent. */
    static IndexFile open(Path path) throws IOException {
        boolean created = !Files.exists(path);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            VolumeFiles.syncDirectory(path.getParent());
        }
        channel.position(channel.size());
        return new IndexFile(path, channel);
    }

    Path path() {
        return path;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Appends whole records from {@code records}' position to its limit. */
    void append(ByteBuffer records) throws IOException {
        while (records.hasRemaining()) {
            channel.write(records);
        }
    }

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException {
        return channel.read(dst, position);
    }

    void force() throws IOException {
        channel.force(false);
    }

    void truncateTo(long size) throws IOException {
        channel.truncate(size);
        channel.position(size);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
