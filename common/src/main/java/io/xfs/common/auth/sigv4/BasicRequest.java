package io.xfs.common.auth.sigv4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request given by its parts (raw path and query, headers added by name), for signing on the client
 * side and for tests. Not thread-safe while headers are added.
 */
public final class BasicRequest implements SignableRequest {
    private final String method;
    private final String rawPath;
    private final @Nullable String rawQuery;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    public BasicRequest(String method, String rawPath, @Nullable String rawQuery) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    /** Adds a value of header {@code name}. */
    public BasicRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds one value of each header. */
    public BasicRequest headers(Map<String, String> values) {
        values.forEach(this::header);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public @Nullable String rawQuery() {
        return rawQuery;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
