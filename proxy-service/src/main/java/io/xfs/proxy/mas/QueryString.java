package io.xfs.proxy.mas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters read from the raw query string. {@code request.getParameter} would read a
 * form-encoded body as parameters too (curl's default for {@code --data-binary}), consuming an upload.
 */
final class QueryString {
    private final Map<String, String> first = new LinkedHashMap<>();

    private QueryString(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            first.putIfAbsent(name, value);
        }
    }

    static QueryString parse(@Nullable String raw) {
        return new QueryString(raw);
    }

    /** The first value of {@code name}, or null. */
    @Nullable String get(String name) {
        return first.get(name);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
