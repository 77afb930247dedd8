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

    /** As {@link #allow}, and the body may be sent {@link BodyHash#UNSIGNED} (a needle streamed as it comes). */
    public InternalRoutes allowStreamed(String path, InternalRole first, InternalRole... more) {
        streamed.add(path);
        return allow(path, first, more);
    }

    /** {@code path} needs no signature (an exact path, or every path under it when it ends in {@code /}). */
    public InternalRoutes open(String path) {
        open.add(path);
        return this;
    }

    boolean isOpen(String path) {
        if (open.contains(path)) {
            return true;
        }
        for (String prefix : open) {
            if (prefix.endsWith("/") && path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
        return streamed.contains(path);
    }
}
