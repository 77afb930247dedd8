package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.jspecify.annotations.Nullable;

/**
 * A satisfiable single byte range of a needle, {@code first..last} inclusive (RFC 9110 §14). Parsing
 * follows the RFC's leniency: a header that is not one well-formed {@code bytes} range (another unit,
 * bad syntax, several ranges) is ignored and the whole needle is served; a well-formed range that does
 * not overlap the needle is refused with {@link ErrorCode#RANGE_NOT_SATISFIABLE}.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, the value of {@code Content-Range}. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range {@code header} asks for in a needle of {@code size} bytes, or null to serve it whole.
     *
     * @throws XfsException {@code RANGE_NOT_SATISFIABLE} when the range starts at or past the end
     */
    static @Nullable ByteRange parse(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        String spec = header.strip();
        if (spec.length() < 7 || !spec.regionMatches(true, 0, "bytes=", 0, 6) || spec.indexOf(',') >= 0) {
            return null;
        }
        spec = spec.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = number(spec.substring(0, dash).strip());
        long last = number(spec.substring(dash + 1).strip());
        if (dash == 0) {
            // suffix range: the last N bytes
            if (last < 0) {
                return null;
            }
            if (last == 0 || size == 0) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(Math.max(0, size - last), size - 1);
        }
        boolean openEnded = dash == spec.length() - 1;
        if (first < 0 || (!openEnded && (last < 0 || last < first))) {
            return null;
        }
        if (first >= size) {
            throw unsatisfiable(header, size);
        }
        return new ByteRange(first, openEnded ? size - 1 : Math.min(last, size - 1));
    }

    /** A non-negative decimal, or -1 for anything else (empty, signs, overflow). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static XfsException unsatisfiable(String header, long size) {
        return new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE,
                "range '" + header + "' is outside the needle of " + size + " bytes");
    }
}
