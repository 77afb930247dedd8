package io.xfs.common.auth.internal;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs the internal calls of one caller: a role and an id (a store's id, a proxy's address), under the
 * current cluster secret. {@link #sign} gives the value of {@link #HEADER} for one request; sign each request
 * anew (a header is good once, within {@link InternalVerifier#WINDOW}). Thread-safe.
 */
public final class InternalSigner {
    public static final String HEADER = "X-Xfs-Auth";
    private static final SecureRandom NONCES = new SecureRandom();

    private final RoleKeys keys;
    private final InternalRole role;
    private final String caller;
    private final InstantSource clock;

    public InternalSigner(ClusterSecret secret, InternalRole role, String caller, InstantSource clock) {
        this.keys = new RoleKeys(secret.current());
        this.role = Objects.requireNonNull(role, "role");
        this.caller = callerId(caller);
        this.clock = clock;
    }

    public InternalSigner(ClusterSecret secret, InternalRole role, String caller) {
        this(secret, role, caller, InstantSource.system());
    }

    public InternalRole role() {
        return role;
    }

    /** A request without a body. */
    public String sign(String method, String target) {
        return sign(method, target, 0, BodyHash.EMPTY);
    }

    /** A request whose body is {@code body}. */
    public String sign(String method, String target, byte[] body) {
        return sign(method, target, body.length, BodyHash.of(body));
    }

    /**
     * @param target     the path and query exactly as sent ({@code /get?vid=1&key=2&cookie=3})
     * @param bodyLength the body's length, which must also be its {@code Content-Length}
     * @param bodyHash   {@link BodyHash#of} the body, or {@link BodyHash#UNSIGNED} for a streamed needle on a
     *                   route that accepts one
     */
    public String sign(String method, String target, long bodyLength, String bodyHash) {
        long millis = clock.millis();
        byte[] random = new byte[16];
        NONCES.nextBytes(random);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] mac = keys.sign(role, AuthHeader.stringToSign(role, caller, method, target, bodyLength, bodyHash,
                millis, nonce));
        return new AuthHeader(role, caller, millis, nonce, bodyLength, bodyHash, AuthHeader.hex(mac)).format();
    }

    /** {@code id} made fit for the header: characters outside {@code [A-Za-z0-9._:@-]} become {@code _}. */
    static String callerId(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._:@-]", "_");
        if (cleaned.isEmpty()) {
            return "unknown";
        }
        return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
    }
}
