package io.xfs.common.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Routes by method and exact path, or by path prefix for patterns ending in {@code /**}. {@code HEAD} is
 * served by the {@code GET} handler (the layer drops the body); {@code OPTIONS} and a known path with another
 * method are answered by the layer with {@code Allow}. Built once, then read by every event loop.
 */
public final class Router {
    private final Map<String, Map<String, Handler>> exact = new LinkedHashMap<>();
    private final List<Map.Entry<String, Map<String, Handler>>> prefixes = new ArrayList<>();

    /** Adds {@code handler} for {@code method} on {@code pattern} ({@code /get}, or {@code /file/**}). */
    public Router route(String method, String pattern, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route starts with /: " + pattern);
        }
        Map<String, Handler> methods;
        if (pattern.endsWith("/**")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            methods = prefixes.stream().filter(e -> e.getKey().equals(prefix)).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
            if (methods == null) {
                methods = new LinkedHashMap<>();
                prefixes.add(Map.entry(prefix, methods));
            }
        } else {
            methods = exact.computeIfAbsent(pattern, k -> new LinkedHashMap<>());
        }
        if (methods.putIfAbsent(method, handler) != null) {
            throw new IllegalArgumentException(method + " " + pattern + " is routed twice");
        }
        return this;
    }

    public Router get(String pattern, Handler handler) {
        return route("GET", pattern, handler);
    }

    public Router post(String pattern, Handler handler) {
        return route("POST", pattern, handler);
    }

    /** What a request for {@code method path} gets. */
    Match match(String method, String path) {
        String pattern = path;
        Map<String, Handler> methods = exact.get(path);
        if (methods == null) {
            for (Map.Entry<String, Map<String, Handler>> prefix : prefixes) {
                if (path.startsWith(prefix.getKey())) {
                    pattern = prefix.getKey() + "**";
                    methods = prefix.getValue();
                    break;
                }
            }
        }
        if (methods == null) {
            return new Match(null, null, null);
        }
        Handler handler = methods.get(method);
        if (handler == null && "HEAD".equals(method)) {
            handler = methods.get("GET");
        }
        return new Match(pattern, handler, handler == null ? allow(methods) : null);
    }

    private static String allow(Map<String, Handler> methods) {
        TreeSet<String> allowed = new TreeSet<>(methods.keySet());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return String.join(", ", allowed);
    }

    /**
     * @param pattern the route's pattern (the metrics' tag), null for an unknown path
     * @param handler null for an unknown path or a method the path does not have
     * @param allow   the methods of a known path whose handler is null
     */
    record Match(@Nullable String pattern, @Nullable Handler handler, @Nullable String allow) {
    }
}
