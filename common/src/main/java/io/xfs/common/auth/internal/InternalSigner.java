package io.xfs.common.auth.internal;

import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import java.security.MessageDigest;
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

    /**
     * {@code request} with its {@link #HEADER}: over the hash of its body when the body is in memory; a
     * streamed body (a needle passed on as it arrives) goes {@link BodyHash#UNSIGNED}, which only the routes
     * that take streamed needles accept.
     */
    public Request sign(Request request) {
        MessageDigest digest = BodyHash.sha256();
        RequestBody body = request.body();
        String hash = body.digestTo(digest) ? AuthHeader.hex(digest.digest()) : BodyHash.UNSIGNED;
        return request.withHeader(HEADER, sign(request.method(), request.pathAndQuery(), body.length(), hash));
    }

    /** {@code request}, a needle upload, signed {@link BodyHash#UNSIGNED}: bound by its length and its query. */
    public Request signNeedle(Request request) {
        return request.withHeader(HEADER, sign(request.method(), request.pathAndQuery(), request.body().length(),
                BodyHash.UNSIGNED));
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
