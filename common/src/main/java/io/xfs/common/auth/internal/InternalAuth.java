package io.xfs.common.auth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's internal-call credentials as configured: the cluster secret ({@code xfs.cluster-secret} or
 * {@code xfs.cluster-secret-file}, and {@code xfs.cluster-secret-previous} during a rotation), or none. With
 * none, the service neither signs nor checks (allowed on loopback only, docs/operations.md). Immutable.
 */
public final class InternalAuth {
    private static final Logger log = LoggerFactory.getLogger(InternalAuth.class);
    private static final InternalAuth NONE = new InternalAuth(null);

    private final @Nullable ClusterSecret secret;

    private InternalAuth(@Nullable ClusterSecret secret) {
        this.secret = secret;
    }

    /** @throws IllegalArgumentException as {@link ClusterSecret#configured} */
    public static InternalAuth configured(@Nullable String secret, @Nullable String file, @Nullable String previous) {
        return of(ClusterSecret.configured(secret, file, previous));
    }

    public static InternalAuth of(Optional<ClusterSecret> secret) {
        return secret.map(InternalAuth::new).orElse(NONE);
    }

    public static InternalAuth none() {
        return NONE;
    }

    public boolean enabled() {
        return secret != null;
    }

    /** The signer of calls this service makes as {@code role}, or null without a secret. */
    public @Nullable InternalSigner signer(InternalRole role, String caller) {
        return secret == null ? null : new InternalSigner(secret, role, caller, InstantSource.system());
    }

    /**
     * Refuses to serve internal calls unauthenticated beyond this machine: without a secret, a service bound
     * to a non-loopback address (or to every interface) does not start, unless {@code allowInsecure}
     * ({@code xfs.security.allow-insecure}), which it then warns about loudly (docs/operations.md, "Internal calls").
     *
     * @param bindAddress {@code server.address}, or null when bound to every interface
     * @throws IllegalStateException when the service must not start
     */
    public void checkExposure(String service, @Nullable String bindAddress, boolean allowInsecure) {
        if (secret != null) {
            return;
        }
        if (loopback(bindAddress)) {
            log.warn("{}: no cluster secret; internal calls are not authenticated (bound to loopback {} only)",
                    service, bindAddress);
            return;
        }
        String where = bindAddress == null || bindAddress.isBlank() ? "every interface" : bindAddress;
        if (!allowInsecure) {
            throw new IllegalStateException(service + " is bound to " + where + " without a cluster secret: set "
                    + "xfs.cluster-secret-file (or xfs.cluster-secret, env XFS_CLUSTER_SECRET), bind 127.0.0.1, or "
                    + "set xfs.security.allow-insecure=true to run with every internal call open to the network");
        }
        log.warn("*** {} is bound to {} WITHOUT A CLUSTER SECRET (xfs.security.allow-insecure=true): anyone who "
                + "reaches it can read every file, write, delete and call its admin calls ***", service, where);
    }

    private static boolean loopback(@Nullable String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The check of calls to this service, or null without a secret. */
    public @Nullable InternalVerifier verifier(InternalRoutes routes) {
        return secret == null ? null : new InternalVerifier(secret, routes, InstantSource.system());
    }
}
