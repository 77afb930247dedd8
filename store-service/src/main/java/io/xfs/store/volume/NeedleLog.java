package io.xfs.store.volume;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open volume file ({@code <vid>.dat}, or the compaction output): positional reads from any thread,
 * appends at the tail, in-place flag writes, fsync. Appends and flag writes must be serialized by the
 * caller (the volume's append lock); reads need no lock. The handle is reference-counted so that a
 * compaction can swap files while reads of the old one are still streaming: the channel closes when the
 * last holder {@link #release}s it.
 */
final class NeedleLog implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile long end;

    private NeedleLog(Path path, FileChannel channel, long end) {
        this.path = path;
        this.channel = channel;
        this.end = end;
    }

    /**
     * Creates a volume file holding only the super block, durably: written as a temp file, synced,
     * renamed into place, directory synced. A crash leaves either no file or a valid one.
     */
    static NeedleLog create(Path path) throws IOException {
        Path temp = VolumeFiles.temp(path);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(channel, SuperBlock.encode(), 0);
            channel.force(true);
        }
        VolumeFiles.renameDurably(temp, path);
        return open(path);
    }

    /** Opens an existing volume file; the super block is checked by the loader. */
    static NeedleLog open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        channel.position(size);
        return new NeedleLog(path, channel, size);
    }

    Path path() {
        return path;
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
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        try {
            long written = 0;
            while (written < total) {
                written += channel.write(buffers);
            }
        } catch (IOException e) {
            truncateTo(start);
            throw e;
        }
        end = start + total;
        return start;
    }

    /** Copies {@code length} bytes of {@code source} from {@code position} to the tail (kernel copy where possible). */
    long appendFrom(NeedleLog source, long position, long length) throws IOException {
        long start = end;
        try {
            long copied = 0;
            while (copied < length) {
                long n = source.channel.transferTo(position + copied, length - copied, channel);
                if (n <= 0) {
                    throw new EOFException(source.path + ": " + (length - copied) + " bytes missing at " + (position + copied));
                }
                copied += n;
            }
        } catch (IOException e) {
            truncateTo(start);
            throw e;
        }
        end = start + length;
        return start;
    }

    /** Overwrites one byte in place (a needle's flag). */
    void writeByte(long position, byte value) throws IOException {
        writeFully(channel, ByteBuffer.wrap(new byte[] {value}), position);
    }

    /** Reads into {@code dst} from {@code position} until it is full or the file ends; returns the bytes read. */
    int read(ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Reads exactly {@code dst.remaining()} bytes or throws {@link EOFException}. */
    void readFully(ByteBuffer dst, long position) throws IOException {
        int wanted = dst.remaining();
        if (read(dst, position) < wanted) {
            throw new EOFException(path + ": fewer than " + wanted + " bytes at " + position);
        }
    }

    /** fdatasync: the data and the file length, not the timestamps. */
    void force() throws IOException {
        channel.force(false);
    }

    void truncateTo(long size) throws IOException {
        channel.truncate(size);
        channel.position(size);
        end = size;
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
            channel.close();
        }
    }

    /** Drops the owner's reference (see {@link #release}). */
    @Override
    public void close() throws IOException {
        release();
    }

    static long sizeOf(Path path) throws IOException {
        return Files.size(path);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
