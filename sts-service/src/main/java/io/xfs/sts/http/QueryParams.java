package io.xfs.sts.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters read from the raw query string, never through {@code getParameter}, which would consume a
 * form-encoded POST body. Percent-escapes are decoded but {@code +} stays {@code +}: it is a base64 character
 * in {@code uri}, and RFC 3986 gives it no special meaning. The first occurrence of a name wins.
 */
final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    static QueryParams parse(@Nullable String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new QueryParams(values);
    }

    @Nullable String get(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' is missing");
        }
        return value;
    }

    /** A non-negative length, or -1 when absent. */
    long length() {
        String value = values.get("length");
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter 'length' must be a non-negative integer: " + value);
    }

    boolean flag(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' must be true or false: " + value);
    }

    /** Decodes %XX escapes as UTF-8; a malformed escape or invalid UTF-8 is a bad argument. */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
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
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        byte[] decoded = bytes.toByteArray();
        String text = new String(decoded, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), decoded)) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "percent-escapes do not form UTF-8 text: " + raw);
        }
        return text;
    }

    private static XfsException badEscape(String raw) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "malformed percent-escape in '" + raw + "'");
    }
}
