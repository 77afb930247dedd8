package io.xfs.proxy.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters decoded from the raw query string. The proxy never calls
 * {@code ServletRequest.getParameter}, which would consume a form-encoded upload body as parameters
 * (BUILD-NOTES). Percent-escapes must form valid UTF-8; {@code +} is a space, as in every form encoder.
 * Immutable.
 */
final class RawQuery {
    private final Map<String, List<String>> values;

    private RawQuery(Map<String, List<String>> values) {
        this.values = values;
    }

    static RawQuery parse(@Nullable String queryString) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (queryString != null && !queryString.isEmpty()) {
            for (String pair : queryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new RawQuery(values);
    }

    @Nullable String first(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.getFirst();
    }

    String required(String name) {
        String value = first(name);
        if (value == null || value.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "query parameter '" + name + "' is required");
        }
        return value;
    }

    /** A non-negative integer parameter, or {@code fallback} when absent. */
    int intValue(String name, int fallback, int max) {
        String value = first(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1 || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT,
                    "query parameter '" + name + "' must be an integer from 1 to " + max + ": '" + value + "'");
        }
    }

    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
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
            throw new XfsException(ErrorCode.INVALID_PATH, "query is not valid UTF-8 after percent-decoding");
        }
    }

    private static XfsException badEscape(String raw) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "malformed percent-escape in query: '" + raw + "'");
    }
}
