package io.xfs.store.volume;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * Reads one needle at a known position and verifies it (SPEC §5): a needle that fits a 64 KiB direct
 * buffer is read and checked whole before its first byte goes out; a larger one is streamed in pieces,
 * checksummed as it goes, with the last byte of the requested range held back until the CRC matched, so
 * a corrupt needle never arrives complete. The CRC covers all of the data, so a range read still reads
 * the whole needle. Stateless and thread-safe.
 */
final class NeedleReader {
    /** The first read fetches this much, which covers header, data and footer of a needle up to ~4 KiB. */
    private static final int FIRST_READ = 4096;

    /** The header fields of a needle. */
    record Header(int cookie, long key, byte flag, int size) {
        boolean deleted() {
            return flag == NeedleFormat.FLAG_DELETED;
        }
    }

    /** A length meaning "to the end of the data". */
    static final long WHOLE = -1;

    private final int vid;

    NeedleReader(int vid) {
        this.vid = vid;
    }

    /** Reads and checks the header at {@code position}; {@code key} must be the one the index maps there. */
    Header readHeader(NeedleLog log, long position, long key) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(NeedleFormat.HEADER_SIZE);
        if (log.read(buffer, position) < NeedleFormat.HEADER_SIZE) {
            throw corrupt(key, position, "truncated header");
        }
        return parseHeader(buffer, 0, key, position);
    }

    /** The needle's data size if it is live and has this cookie, else -1. */
    long size(NeedleLog log, long position, long key, int cookie) throws IOException {
        Header header = readHeader(log, position, key);
        return header.cookie() != cookie || header.deleted() ? -1 : header.size();
    }

    /**
     * Writes bytes [{@code offset}, {@code offset + length}) of the needle's data to {@code out} after (or,
     * for a large needle, while) verifying its CRC; returns the bytes written. {@code length} may be {@link #WHOLE}.
     */
    long read(NeedleLog log, long position, long key, int cookie, long offset, long length, WritableByteChannel out)
            throws IOException {
        ByteBuffer buffer = BufferPool.acquire();
        try {
            buffer.limit(FIRST_READ);
            int got = log.read(buffer, position);
            if (got < NeedleFormat.HEADER_SIZE) {
                throw corrupt(key, position, "truncated header");
            }
            Header header = parseHeader(buffer, 0, key, position);
            if (header.cookie() != cookie || header.deleted()) {
                throw notFound(key);
            }
            int size = header.size();
            if (length == WHOLE) {
                length = size - offset;
            }
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "volume " + vid + ": range " + offset + "+"
                        + length + " outside needle " + key + " of " + size + " bytes");
            }
            if (out instanceof ArraySink sink) {
                sink.allocate(length);
            }
            long body = (long) NeedleFormat.HEADER_SIZE + size + NeedleFormat.FOOTER_SIZE;
            if (body > buffer.capacity()) {
                return stream(log, position, header, offset, length, out, buffer);
            }
            if (got < body) {
                buffer.limit((int) body).position(got);
                if (log.read(buffer, position + got) < body - got) {
                    throw corrupt(key, position, "truncated needle");
                }
            }
            ByteBuffer data = buffer.duplicate().limit(NeedleFormat.HEADER_SIZE + size).position(NeedleFormat.HEADER_SIZE);
            CRC32C crc = NeedleFormat.startCrc(cookie, key, size);
            crc.update(data.duplicate());
            checkFooter(buffer, NeedleFormat.HEADER_SIZE + size, crc, key, position);
            data.position(NeedleFormat.HEADER_SIZE + (int) offset).limit(NeedleFormat.HEADER_SIZE + (int) (offset + length));
            writeFully(out, data);
            return length;
        } finally {
            BufferPool.release(buffer);
        }
    }

    /** The whole data of the needle, verified. */
    byte[] readAll(NeedleLog log, long position, long key, int cookie) throws IOException {
        ArraySink sink = new ArraySink();
        read(log, position, key, cookie, 0, WHOLE, sink);
        return sink.target.array();
    }

    private long stream(NeedleLog log, long position, Header header, long offset, long length, WritableByteChannel out,
                        ByteBuffer buffer) throws IOException {
        long key = header.key();
        int size = header.size();
        CRC32C crc = NeedleFormat.startCrc(header.cookie(), key, size);
        long rangeEnd = offset + length;
        int lastByte = -1;
        long done = 0;
        while (done < size) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - done));
            long chunkStart = done;
            if (log.read(buffer, position + NeedleFormat.HEADER_SIZE + done) < buffer.limit()) {
                throw corrupt(key, position, "truncated needle data");
            }
            buffer.flip();
            crc.update(buffer.duplicate());
            done += buffer.limit();
            long from = Math.max(offset, chunkStart);
            long to = Math.min(rangeEnd, done);
            if (from < to) {
                if (to == rangeEnd) {
                    // Hold back the range's last byte until the whole needle is verified.
                    lastByte = buffer.get((int) (to - 1 - chunkStart)) & 0xFF;
                    to--;
                }
                buffer.limit((int) (to - chunkStart)).position((int) (from - chunkStart));
                writeFully(out, buffer);
            }
        }
        buffer.clear().limit(NeedleFormat.FOOTER_SIZE);
        if (log.read(buffer, position + NeedleFormat.HEADER_SIZE + size) < NeedleFormat.FOOTER_SIZE) {
            throw corrupt(key, position, "truncated footer");
        }
        checkFooter(buffer, 0, crc, key, position);
        if (lastByte >= 0) {
            writeFully(out, ByteBuffer.wrap(new byte[] {(byte) lastByte}));
        }
        return length;
    }

    private Header parseHeader(ByteBuffer buffer, int at, long key, long position) {
        if (buffer.getInt(at + NeedleFormat.MAGIC_OFFSET) != NeedleFormat.HEADER_MAGIC) {
            throw corrupt(key, position, "bad header magic");
        }
        long storedKey = buffer.getLong(at + NeedleFormat.KEY_OFFSET);
        if (storedKey != key) {
            throw corrupt(key, position, "header holds key " + storedKey);
        }
        int size = buffer.getInt(at + NeedleFormat.SIZE_OFFSET);
        if (size < 0 || size > NeedleFormat.MAX_DATA_SIZE) {
            throw corrupt(key, position, "bad size " + size);
        }
        return new Header(buffer.getInt(at + NeedleFormat.COOKIE_OFFSET), storedKey,
                buffer.get(at + NeedleFormat.FLAG_OFFSET), size);
    }

    private void checkFooter(ByteBuffer buffer, int at, CRC32C crc, long key, long position) {
        if (buffer.getInt(at) != NeedleFormat.FOOTER_MAGIC) {
            throw corrupt(key, position, "bad footer magic");
        }
        if (buffer.getInt(at + Integer.BYTES) != NeedleFormat.crcValue(crc)) {
            throw corrupt(key, position, "CRC mismatch");
        }
    }

    XfsException notFound(long key) {
        return new XfsException(ErrorCode.NEEDLE_NOT_FOUND, "volume " + vid + ": no needle " + key);
    }

    XfsException corrupt(long key, long position, String what) {
        return new XfsException(ErrorCode.CORRUPT_DATA,
                "volume " + vid + ": needle " + key + " at offset " + position + " is corrupt: " + what);
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** A channel filling a heap array sized once the needle's header is known, for {@link #readAll}. */
    private static final class ArraySink implements WritableByteChannel {
        private ByteBuffer target = ByteBuffer.allocate(0);

        void allocate(long length) {
            target = ByteBuffer.allocate(Math.toIntExact(length));
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            target.put(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
