package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vid}, {@code key} and {@code cookie} of a request. Parsed from the raw query string, never
 * through {@code request.getParameter}, which would consume a form-encoded body as parameters.
 * A cookie may be given signed or as an unsigned 32-bit number; both name the same cookie.
 */
record NeedleId(int vid, long key, int cookie) {

    static NeedleId fromQuery(@Nullable String query) {
        return new NeedleId(vid(QueryParams.value(query, "vid")), key(QueryParams.value(query, "key")),
                cookie(QueryParams.value(query, "cookie")));
    }

    static int vid(@Nullable String value) {
        long vid = QueryParams.parseLong("vid", value);
        if (vid < 0 || vid > Integer.MAX_VALUE) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "vid must be within 0 and 2^31-1: " + value);
        }
        return (int) vid;
    }

    static long key(@Nullable String value) {
        return QueryParams.parseLong("key", value);
    }

    static int cookie(@Nullable String value) {
        long cookie = QueryParams.parseLong("cookie", value);
        if (cookie < Integer.MIN_VALUE || cookie > 0xFFFF_FFFFL) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "cookie must be a 32-bit number: " + value);
        }
        return (int) cookie;
    }

    /** Query-string access without building a map (the read path runs this on every request). */
    static final class QueryParams {
        private QueryParams() {
        }

        /** The decoded value of the first {@code name=...} in {@code query}, or null when absent. */
        static @Nullable String value(@Nullable String query, String name) {
            if (query == null) {
                return null;
            }
            int from = 0;
            int n = name.length();
            while (from < query.length()) {
                int end = query.indexOf('&', from);
                if (end < 0) {
                    end = query.length();
                }
                if (end - from > n && query.charAt(from + n) == '=' && query.startsWith(name, from)) {
                    String raw = query.substring(from + n + 1, end);
                    return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : decode(raw);
                }
                if (end - from == n && query.startsWith(name, from)) {
                    return "";
                }
                from = end + 1;
            }
            return null;
        }

        static long parseLong(String name, @Nullable String value) {
            if (value == null || value.isEmpty()) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter " + name + " is missing");
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter " + name + " is not a number: '"
                        + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
            }
        }

        private static String decode(String raw) {
            try {
                return URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "bad percent-encoding in the query string");
            }
        }
    }
}
