package io.xfs.proxy.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One satisfiable byte range of a representation of {@code size} bytes (RFC 9110 §14). A {@code Range}
 * header that is malformed, uses another unit or asks for several ranges is ignored (the whole file is
 * served, as the RFC allows); one whose every range starts past the end is unsatisfiable (416).
 */
record ByteRange(long offset, long length) {

    long last() {
        return offset + length - 1;
    }

    String contentRange(long size) {
        return "bytes " + offset + "-" + last() + "/" + size;
    }

    /** The range to serve, or null for the whole representation. */
    static @Nullable ByteRange parse(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        String spec = value.substring(eq + 1).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        try {
            if (first.isEmpty()) {
                long suffix = parseDigits(last);
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                long length = Math.min(suffix, size);
                return new ByteRange(size - length, length);
            }
            long start = parseDigits(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : parseDigits(last);
            if (end < start) {
                return null;
            }
            if (start >= size) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(start, Math.min(end, size - 1) - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseDigits(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(digits);
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static XfsException unsatisfiable(String header, long size) {
        return new Unsatisfiable(header, size);
    }

    /** 416; the answer carries {@code Content-Range: bytes *}{@code /<size>}. */
    static final class Unsatisfiable extends XfsException {
        private final long size;

        Unsatisfiable(String header, long size) {
            super(ErrorCode.RANGE_NOT_SATISFIABLE, "range '" + header + "' is outside the file's " + size + " bytes");
            this.size = size;
        }

        String contentRange() {
            return "bytes */" + size;
        }
    }
}
