package io.xfs.sts.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.jspecify.annotations.Nullable;

/**
 * One satisfiable byte range of a representation of known length (RFC 9110 §14). Only a single range is
 * served; a header naming several, or one we cannot parse, is ignored (a full 200), as the RFC allows.
 */
record ByteRange(long first, long last) {
    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * The range a {@code Range} header asks for, or null for the whole representation.
     *
     * @throws XfsException {@link ErrorCode#RANGE_NOT_SATISFIABLE} when the range lies past the end
     */
    static @Nullable ByteRange parse(@Nullable String header, long total) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || total == 0) {
                    throw unsatisfiable(total);
                }
                return new ByteRange(Math.max(0, total - suffix), total - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? total - 1 : Long.parseLong(to);
            if (first < 0 || (!to.isEmpty() && last < first)) {
                return null;
            }
            if (first >= total) {
                throw unsatisfiable(total);
            }
            return new ByteRange(first, Math.min(last, total - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static XfsException unsatisfiable(long total) {
        return new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "range not satisfiable; the length is " + total);
    }
}
