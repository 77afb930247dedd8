package io.xfs.store.volume;

import io.xfs.common.fs.PrivateFiles;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open volume file ({@code <vid>.dat}, or the compaction output): positional reads from any thread,
 * appends at the tail, in-place flag writes, fsync. Appends and flag writes must be serialized by the
 * caller (the volume's append lock); reads need no lock. The handle is reference-counted so that a
 * compaction can swap files while reads of the old one are still streaming: the channel closes when the
 * last holder {@link #release}s it.
 */
final class NeedleLog implements Closeable {
    private final FileHandle file;
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile long end;

    private NeedleLog(FileHandle file, long end) {
        this.file = file;
        this.end = end;
    }

    /**
     * Creates a volume file holding only the super block, durably: written as a temp file, synced,
     * renamed into place, directory synced. A crash leaves either no file or a valid one.
     */
    static NeedleLog create(Path path) throws IOException {
        Path temp = VolumeFiles.temp(path);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), PrivateFiles.fileAttributes())) {
            writeFully(channel, SuperBlock.encode(), 0);
            channel.force(true);
        }
        VolumeFiles.renameDurably(temp, path);
        return open(path);
    }

    /** Opens an existing volume file; the super block is checked by the loader. */
    static NeedleLog open(Path path) throws IOException {
        FileHandle file = FileHandle.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new NeedleLog(file, file.io(FileChannel::size));
    }

    Path path() {
        return file.path();
    }

    /** Bytes in the file; appends go here. */
    long end() {
        return end;
    }

    /**
     * Appends {@code buffers} (a whole number of needles) at the tail and returns the position of the
     * first byte. On failure the file is cut back to where it was, so no partial needle stays behind.
     */
    long append(ByteBuffer... buffers) throws IOException {
        long start = end;
        long total = 0;
        int[] marks = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            marks[i] = buffers[i].position();
            total += buffers[i].remaining();
        }
        long length = total;
        try {
            file.io(channel -> {
                for (int i = 0; i < buffers.length; i++) {
                    buffers[i].position(marks[i]);
                }
                channel.position(start);
                long written = 0;
                while (written < length) {
                    written += channel.write(buffers);
                }
                return null;
            });
        } catch (IOException e) {
            truncateAfterFailure(start, e);
            throw e;
        }
        end = start + total;
        return start;
    }

    /** Copies {@code length} bytes of {@code source} from {@code position} to the tail (kernel copy where possible). */
    long appendFrom(NeedleLog source, long position, long length) throws IOException {
        long start = end;
        try {
            source.file.io(from -> file.io(to -> {
                to.position(start);
                long copied = 0;
                while (copied < length) {
                    long n = from.transferTo(position + copied, length - copied, to);
                    if (n <= 0) {
                        throw new EOFException(source.path() + ": " + (length - copied) + " bytes missing at "
                                + (position + copied));
                    }
                    copied += n;
                }
                return null;
            }));
        } catch (IOException e) {
            truncateAfterFailure(start, e);
            throw e;
        }
        end = start + length;
        return start;
    }

    /** Overwrites one byte in place (a needle's flag). */
    void writeByte(long position, byte value) throws IOException {
        file.io(channel -> {
            writeFully(channel, ByteBuffer.wrap(new byte[] {value}), position);
            return null;
        });
    }

    /** Reads into {@code dst} from {@code position} until it is full or the file ends; returns the bytes read. */
    int read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        return file.io(channel -> {
            while (dst.hasRemaining()) {
                if (channel.read(dst, position + dst.position() - start) < 0) {
                    break;
                }
            }
            return dst.position() - start;
        });
    }

    /** Reads exactly {@code dst.remaining()} bytes or throws {@link EOFException}. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        int wanted = dst.remaining();
        if (read(dst, position) < wanted) {
            throw new EOFException(path() + ": fewer than " + wanted + " bytes at " + position);
        }
    }

    /** fdatasync: the data and the file length, not the timestamps. */
    void force() throws IOException {
        file.force();
    }

    void truncateTo(long size) throws IOException {
        file.truncate(size);
        end = size;
    }

    private void truncateAfterFailure(long size, IOException failure) {
        try {
            truncateTo(size);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Takes a reference for a read; false once the log is closed. */
    boolean retain() {
        for (int n = refs.get(); n > 0; n = refs.get()) {
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Drops a reference; the last one closes the file. */
    void release() throws IOException {
        if (refs.decrementAndGet() == 0) {
            file.close();
        }
    }

    /** Drops the owner's reference (see {@link #release}). */
    @Override
    public void close() throws IOException {
        release();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
