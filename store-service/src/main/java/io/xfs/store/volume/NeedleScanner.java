package io.xfs.store.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads a volume file sequentially from a position, checking every needle's structure and CRC, through
 * a 1 MiB window. Recovery uses it to find the first torn or corrupt needle, compaction to walk the
 * needles it copies. One scanner per scan; not thread-safe.
 */
final class NeedleScanner {
    private static final int WINDOW = 1 << 20;

    /** Receives each well-formed needle in file order; returns false to stop the scan there. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(long position, int cookie, long key, byte flag, int size, boolean crcValid) throws IOException;
    }

    /**
     * Where a scan stopped.
     *
     * @param end     the position after the last needle visited (the file's valid length, when {@code problem} is
     *                set); up to 7 bytes past the limit when the last needle is whole but its zero padding is
     *                missing (a crash between writing the footer and the padding), which the caller restores
     * @param problem why the needle at {@code end} is not valid, or null when the scan reached its limit or was stopped
     */
    record Result(long end, @Nullable String problem) {
    }

    private final NeedleLog log;
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
    private long windowStart = -1;
    private int windowLength;

    NeedleScanner(NeedleLog log) {
        this.log = log;
    }

    /**
     * Visits the needles in [{@code start}, {@code limit}). A needle whose CRC does not match ends the scan
     * as a problem unless {@code tolerateCrcMismatch}, in which case the visitor sees it with {@code
     * crcValid = false}; a needle that is not even well-formed (magic, size, footer) always ends it.
     */
    Result scan(long start, long limit, boolean tolerateCrcMismatch, Visitor visitor) throws IOException {
        long position = start;
        while (position < limit) {
            if (limit - position < NeedleFormat.HEADER_SIZE + NeedleFormat.FOOTER_SIZE) {
                return new Result(position, (limit - position) + " trailing bytes, too few for a needle");
            }
            fill(position, NeedleFormat.HEADER_SIZE);
            int at = (int) (position - windowStart);
            if (window.getInt(at + NeedleFormat.MAGIC_OFFSET) != NeedleFormat.HEADER_MAGIC) {
                return new Result(position, "bad needle header magic");
            }
            int cookie = window.getInt(at + NeedleFormat.COOKIE_OFFSET);
            long key = window.getLong(at + NeedleFormat.KEY_OFFSET);
            byte flag = window.get(at + NeedleFormat.FLAG_OFFSET);
            int size = window.getInt(at + NeedleFormat.SIZE_OFFSET);
            // Only the footer has to be there: the padding carries nothing, so a needle that lost it is whole.
            if (size < 0 || size > NeedleFormat.MAX_DATA_SIZE
                    || position + NeedleFormat.HEADER_SIZE + size + NeedleFormat.FOOTER_SIZE > limit) {
                return new Result(position, "needle of " + size + " bytes runs past the end (" + limit + ")");
            }
            if (flag != NeedleFormat.FLAG_LIVE && flag != NeedleFormat.FLAG_DELETED) {
                return new Result(position, "bad needle flag " + flag);
            }
            CRC32C crc = NeedleFormat.startCrc(cookie, key, size);
            long dataPosition = position + NeedleFormat.HEADER_SIZE;
            long remaining = size;
            while (remaining > 0) {
                int n = (int) Math.min(remaining, WINDOW);
                fill(dataPosition, n);
                int from = (int) (dataPosition - windowStart);
                crc.update(window.duplicate().limit(from + n).position(from));
                dataPosition += n;
                remaining -= n;
            }
            fill(dataPosition, NeedleFormat.FOOTER_SIZE);
            int footer = (int) (dataPosition - windowStart);
            if (window.getInt(footer) != NeedleFormat.FOOTER_MAGIC) {
                return new Result(position, "bad needle footer magic");
            }
            boolean crcValid = window.getInt(footer + Integer.BYTES) == NeedleFormat.crcValue(crc);
            if (!crcValid && !tolerateCrcMismatch) {
                return new Result(position, "CRC mismatch in needle of key " + key);
            }
            if (!visitor.visit(position, cookie, key, flag, size, crcValid)) {
                return new Result(position, null);
            }
            position += NeedleFormat.needleLength(size);
        }
        return new Result(position, null);
    }

    /** Makes [position, position + length) readable in the window; length is at most the window size. */
    private void fill(long position, int length) throws IOException {
        if (position >= windowStart && position + length <= windowStart + windowLength) {
            return;
        }
        window.clear();
        windowStart = position;
        windowLength = log.read(window, position);
        if (windowLength < length) {
            // Callers checked the length against the limit, so the file shrank under us.
            throw new IOException(log.path() + ": unexpected end of file at " + (position + windowLength));
        }
    }
}
