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
    private final FileHandle file;
    private long end;

    private IndexFile(FileHandle file, long end) {
        this.file = file;
        this.end = end;
    }

    /** Opens the index, creating it (and syncing the directory) when absent. */
    static IndexFile open(Path path) throws IOException {
        boolean created = !Files.exists(path);
        FileHandle file = FileHandle.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            VolumeFiles.syncDirectory(path.getParent());
        }
        return new IndexFile(file, file.io(FileChannel::size));
    }

    Path path() {
        return file.path();
    }

    long size() {
        return end;
    }

    /** Appends whole records from {@code records}' position to its limit. */
    void append(ByteBuffer records) throws IOException {
        int mark = records.position();
        long start = end;
        file.io(channel -> {
            records.position(mark);
            while (records.hasRemaining()) {
                channel.write(records, start + records.position() - mark);
            }
            return null;
        });
        end = start + records.position() - mark;
    }

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException {
        return file.io(channel -> channel.read(dst, position));
    }

    void force() throws IOException {
        file.force();
    }

    void truncateTo(long size) throws IOException {
        file.truncate(size);
        end = size;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
