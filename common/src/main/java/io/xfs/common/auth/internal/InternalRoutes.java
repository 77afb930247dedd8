package io.xfs.common.auth.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may call which routes of one service (docs/api.md, "Internal calls"). A route is an exact path
 * or a prefix ending in {@code /}; a path no entry names is refused to every role. Open paths (a liveness
 * ping, actuator health) need no signature at all. Streamed routes accept {@link BodyHash#UNSIGNED} bodies.
 * Immutable once built.
 */
public final class InternalRoutes {
    private final Map<String, Set<InternalRole>> exact = new HashMap<>();
    private final List<Map.Entry<String, Set<InternalRole>>> prefixes = new ArrayList<>();
    private final Set<String> streamed = new HashSet<>();
    private final Set<String> open = new HashSet<>();
    private final Set<String> opaque = new HashSet<>();

    public static InternalRoutes builder() {
        return new InternalRoutes();
    }

    /** {@code path} (exact, or every path under it when it ends in {@code /}) for {@code roles}. */
    public InternalRoutes allow(String path, InternalRole first, InternalRole... more) {
        Set<InternalRole> roles = EnumSet.of(first, more);
        if (path.endsWith("/")) {
            prefixes.add(Map.entry(path, roles));
        } else {
            exact.put(path, roles);
        }
        return this;
    }

    /** As {@link #allow} (exact or prefix), and the body may be sent {@link BodyHash#UNSIGNED} (a needle streamed as it comes). */
    public InternalRoutes allowStreamed(String path, InternalRole first, InternalRole... more) {
        streamed.add(path);
        return allow(path, first, more);
    }

    /** {@code path} needs no signature (an exact path, or every path under it when it ends in {@code /}). */
    public InternalRoutes open(String path) {
        open.add(path);
        return this;
    }

    /**
     * The rest of a path under {@code prefix} (ending in {@code /}) is one opaque name: its percent-escapes,
     * even of {@code /} or {@code .}, are data the server never turns into path segments (sts file names).
     */
    public InternalRoutes opaque(String prefix) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("an opaque prefix ends in /: " + prefix);
        }
        opaque.add(prefix);
        return this;
    }

    /** {@code path} up to the name under an opaque prefix: the part whose escapes could change routing. */
    String routedPart(String path) {
        for (String prefix : opaque) {
            if (path.startsWith(prefix)) {
                return prefix;
            }
        }
        return path;
    }

    boolean isOpen(String path) {
        return matches(open, path);
    }

    boolean allows(InternalRole role, String path) {
        Set<InternalRole> roles = exact.get(path);
        if (roles != null) {
            return roles.contains(role);
        }
        // The longest prefix decides, so a narrower rule under /admin/ can differ from /admin/'s.
        String best = "";
        boolean allowed = false;
        for (Map.Entry<String, Set<InternalRole>> prefix : prefixes) {
            if (path.startsWith(prefix.getKey()) && prefix.getKey().length() > best.length()) {
                best = prefix.getKey();
                allowed = prefix.getValue().contains(role);
            }
        }
        return allowed;
    }

    boolean streamed(String path) {
        return matches(streamed, path);
    }

    /** True when {@code path} is one of {@code routes}, or under one that ends in {@code /}. */
    private static boolean matches(Set<String> routes, String path) {
        for (String route : routes) {
            if (route.equals(path) || (route.endsWith("/") && path.startsWith(route))) {
                return true;
            }
        }
        return false;
    }
}
