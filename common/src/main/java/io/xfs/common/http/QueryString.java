package io.xfs.common.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters decoded from the raw query string ({@code request.getQueryString()}). Services never
 * call {@code ServletRequest.getParameter}, which would consume a form-encoded upload body as parameters
 * (BUILD-NOTES). Names may repeat; {@link #first} gives the first value. Three decodings exist because
 * the APIs differ: {@link #parse} (form style, {@code +} is a space), {@link #parseKeepingPlus} (RFC 3986,
 * {@code +} is literal, as base64 needs) and {@link #parseLenient} (MAS clients: a broken escape is kept
 * as written). Immutable and thread-safe.
 */
public final class QueryString {
    private final Map<String, List<String>> values;

    private QueryString(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Form-style decoding: {@code +} is a space, {@code %XX} escapes must form UTF-8.
     *
     * @throws XfsException {@code BAD_ARGUMENT} for a malformed escape; {@link NotUtf8} for invalid UTF-8
     */
    public static QueryString parse(@Nullable String rawQuery) {
        return parse(rawQuery, raw -> decode(raw, true));
    }

    /** Like {@link #parse}, but {@code +} stays {@code +} (RFC 3986 gives it no special meaning). */
    public static QueryString parseKeepingPlus(@Nullable String rawQuery) {
        return parse(rawQuery, raw -> decode(raw, false));
    }

    /**
     * Form-style decoding that never fails: a name or value with a malformed escape is kept as written,
     * invalid UTF-8 becomes U+FFFD ({@link URLDecoder}'s behaviour).
     */
    public static QueryString parseLenient(@Nullable String rawQuery) {
        return parse(rawQuery, raw -> {
            try {
                return URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return raw;
            }
        });
    }

    private static QueryString parse(@Nullable String rawQuery, UnaryOperator<String> decoder) {
        // One pass, no copies: this runs on every hot call of the directory, the store and the sts.
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            int start = 0;
            while (start < rawQuery.length()) {
                int end = rawQuery.indexOf('&', start);
                if (end < 0) {
                    end = rawQuery.length();
                }
                if (end > start) {
                    int eq = rawQuery.indexOf('=', start);
                    boolean bare = eq < 0 || eq > end;
                    String name = decoder.apply(rawQuery.substring(start, bare ? end : eq));
                    String value = bare ? "" : decoder.apply(rawQuery.substring(eq + 1, end));
                    values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
                }
                start = end + 1;
            }
        }
        return new QueryString(values);
    }

    /** The first value of {@code name} ({@code ""} for a bare {@code name}), or null when absent. */
    public @Nullable String first(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.getFirst();
    }

    /** Every value of {@code name} in query order; empty when absent. */
    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /** The first value of {@code name}. @throws XfsException {@code BAD_ARGUMENT} when absent or empty */
    public String required(String name) {
        String value = first(name);
        if (value == null || value.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "query parameter '" + name + "' is required");
        }
        return value;
    }

    /**
     * The first value of {@code name} as an integer in {@code [min, max]}, or {@code fallback} when absent
     * or empty.
     *
     * @throws XfsException {@code BAD_ARGUMENT} when it is not a decimal integer within the bounds
     */
    public long longValue(String name, long fallback, long min, long max) {
        String value = first(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "query parameter '" + name + "' must be an integer from "
                + min + " to " + max + ": '" + value + "'");
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8; {@code +} stays {@code +}. For a raw path segment.
     *
     * @throws XfsException {@code BAD_ARGUMENT} for a malformed escape; {@link NotUtf8} for invalid UTF-8
     */
    public static String percentDecode(String raw) {
        return decode(raw, false);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw badEscape(raw);
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw badEscape(raw);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotUtf8(raw);
        }
    }

    private static XfsException badEscape(String raw) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "malformed percent-escape in '" + raw + "'");
    }

    /**
     * Percent-escapes that do not form UTF-8 text: {@code BAD_ARGUMENT}. A separate type so that a service
     * whose query carries a path can answer {@code INVALID_PATH} instead (SPEC: paths are UTF-8).
     */
    public static final class NotUtf8 extends XfsException {
        NotUtf8(String raw) {
            super(ErrorCode.BAD_ARGUMENT, "percent-escapes do not form UTF-8 text: '" + raw + "'");
        }
    }
}
