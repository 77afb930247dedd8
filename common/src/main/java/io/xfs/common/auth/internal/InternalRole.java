package io.xfs.common.auth.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Who makes an internal call. Each role signs with its own key (derived from the cluster secret), and each
 * service lists which roles may call which of its routes, so a store's credential cannot call the
 * directory's admin calls.
 */
public enum InternalRole {
    DIRECTORY, STORE, PROXY, STS, OPERATOR;

    /** The name in the {@code X-Xfs-Auth} header and in the key derivation: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InternalRole> byWireName(String name) {
        for (InternalRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
