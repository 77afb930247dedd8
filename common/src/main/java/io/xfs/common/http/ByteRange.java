package io.xfs.common.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A byte range {@code first..last} (inclusive) of a representation, and the parser of the {@code Range}
 * header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} and the suffix {@code bytes=-n}. A header that
 * is not one well-formed byte range (another unit, bad syntax, several ranges, a number too big for a
 * long) is ignored and the whole representation is served, as the RFC allows; a well-formed range that
 * starts at or past the end is {@link Unsatisfiable} (416). An empty range ({@code last == first - 1}) is
 * allowed for callers that compute one (the rest of a file from its end). Immutable.
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first - 1) {
            throw new IllegalArgumentException("bad byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, the value of {@code Content-Range} on a 206. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range {@code header} asks for in a representation of {@code size} bytes, or null to serve it whole.
     *
     * @throws Unsatisfiable when a well-formed range starts at or past the end (or asks for zero bytes)
     */
    public static @Nullable ByteRange parse(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        String spec = value.substring(eq + 1).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            long suffix = number(to);
            if (suffix < 0) {
                return null;
            }
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable(header, size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = number(from);
        long end = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (start < 0 || end < start) {
            return null;
        }
        if (start >= size) {
            throw new Unsatisfiable(header, size);
        }
        return new ByteRange(start, Math.min(end, size - 1));
    }

    /** A decimal of digits only, or -1 for anything else (empty, signs, too big for a long). */
    private static long number(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooBig) {
            return -1;
        }
    }

    /** 416 {@code RANGE_NOT_SATISFIABLE}; the answer carries {@link #contentRange()}. */
    public static final class Unsatisfiable extends XfsException {
        private final long size;

        Unsatisfiable(String header, long size) {
            super(ErrorCode.RANGE_NOT_SATISFIABLE, "range '" + header + "' is outside the " + size + " bytes");
            this.size = size;
        }

        /** {@code bytes *}{@code /size}, the value of {@code Content-Range} on a 416. */
        public String contentRange() {
            return "bytes */" + size;
        }
    }
}
