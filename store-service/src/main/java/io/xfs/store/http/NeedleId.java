package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vid}, {@code key} and {@code cookie} of a request. Parsed from the raw query string, never
 * through {@code request.getParameter}, which would consume a form-encoded body as parameters.
 * A cookie may be given signed or as an unsigned 32-bit number; both name the same cookie.
 */
record NeedleId(int vid, long key, int cookie) {

    static NeedleId fromQuery(@Nullable String rawQuery) {
        // Lenient: a broken escape elsewhere in the query is not this request's problem; in a value read
        // here it fails the number parse and is still BAD_ARGUMENT.
        QueryString query = QueryString.parseLenient(rawQuery);
        return new NeedleId(vid(query.first("vid")), key(query.first("key")), cookie(query.first("cookie")));
    }

    static int vid(@Nullable String value) {
        long vid = parseLong("vid", value);
        if (vid < 0 || vid > Integer.MAX_VALUE) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "vid must be within 0 and 2^31-1: " + value);
        }
        return (int) vid;
    }

    static long key(@Nullable String value) {
        return parseLong("key", value);
    }

    static int cookie(@Nullable String value) {
        long cookie = parseLong("cookie", value);
        if (cookie < Integer.MIN_VALUE || cookie > 0xFFFF_FFFFL) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "cookie must be a 32-bit number: " + value);
        }
        return (int) cookie;
    }

    private static long parseLong(String name, @Nullable String value) {
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
}
