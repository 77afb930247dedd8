package io.xfs.common.auth.internal;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code X-Xfs-Auth} header of internal calls to one service (docs/api.md, "Internal calls"), in
 * this order: the target is plain (no dot-segments, {@code ;}, {@code //} or {@code \} in the path, nor
 * those or {@code %} escaped, which servers could read otherwise than the route table), the header parses, its timestamp is
 * within {@link #WINDOW} of this clock, the HMAC matches under the current or the previous cluster secret,
 * the role may call the route, the body is the signed length (the hash is checked as it is read,
 * {@link VerifiedCall#checking}), and the nonce was not seen before. Thread-safe.
 */
public final class InternalVerifier {
    /** How far a call's timestamp may be from this clock, either way. */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** Nonces remembered: about 1,600 calls a second for a whole window before the floor rises. */
    static final int NONCES = 100_000;

    private final RoleKeys current;
    private final @Nullable RoleKeys previous;
    private final InternalRoutes routes;
    private final InstantSource clock;
    private final NonceCache nonces;

    public InternalVerifier(ClusterSecret secret, InternalRoutes routes, InstantSource clock) {
        this(secret, routes, clock, NONCES);
    }

    InternalVerifier(ClusterSecret secret, InternalRoutes routes, InstantSource clock, int nonceCapacity) {
        this.current = new RoleKeys(secret.current());
        byte[] old = secret.previous();
        this.previous = old == null ? null : new RoleKeys(old);
        this.routes = routes;
        this.clock = clock;
        this.nonces = new NonceCache(nonceCapacity, WINDOW.toMillis());
    }

    /** True when {@code path} needs no signature (the route table's open paths). */
    public boolean isOpen(String path) {
        return plainPath(path) && routes.isOpen(path);
    }

    /**
     * @param path          the path as sent, not decoded
     * @param rawQuery      the query as sent, or null
     * @param header        the {@code X-Xfs-Auth} header, or null
     * @param contentLength the declared body length, or -1 when none was declared (no body, or chunked)
     * @throws XfsException {@link ErrorCode#BAD_ARGUMENT} for a path that is not plain,
     *                      {@link ErrorCode#UNAUTHORIZED} for a missing, malformed, stale, replayed or
     *                      wrong signature, {@link ErrorCode#FORBIDDEN} when the role may not call the route
     */
    public VerifiedCall verify(String method, String path, @Nullable String rawQuery, @Nullable String header,
                               long contentLength) {
        if (!plainPath(path)) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "an internal path may not hold '//', '.' or '..' segments, "
                    + "';' or '\\', nor escape '.', '/', '\\', ';' or '%'");
        }
        if (header == null) {
            throw unauthorized("internal call without " + InternalSigner.HEADER + " (docs/api.md, \"Internal calls\")");
        }
        AuthHeader auth = AuthHeader.parse(header);
        if (auth == null) {
            throw unauthorized("malformed " + InternalSigner.HEADER);
        }
        long now = clock.millis();
        if (Math.abs(now - auth.millis()) > WINDOW.toMillis()) {
            throw unauthorized(InternalSigner.HEADER + " is signed at " + auth.millis() + " ms, more than "
                    + WINDOW.toSeconds() + " s from this clock (" + now + "): sign anew, or check the clocks");
        }
        String target = rawQuery == null ? path : path + "?" + rawQuery;
        byte[] toSign = AuthHeader.stringToSign(auth.role(), auth.caller(), method, target, auth.bodyLength(),
                auth.bodyHash(), auth.millis(), auth.nonce());
        if (!matches(current, auth, toSign) && (previous == null || !matches(previous, auth, toSign))) {
            throw unauthorized("bad " + InternalSigner.HEADER + " signature (method, target, body or cluster secret differ)");
        }
        if (!routes.allows(auth.role(), path)) {
            throw new XfsException(ErrorCode.FORBIDDEN, "role " + auth.role().wireName() + " may not call " + path);
        }
        if (!auth.bodyHash().equals(BodyHash.UNSIGNED) ? contentLength >= 0 && contentLength != auth.bodyLength()
                : !routes.streamed(path) || contentLength != auth.bodyLength()) {
            throw unauthorized("the body does not match " + InternalSigner.HEADER + " (length " + auth.bodyLength()
                    + " signed, " + contentLength + " declared; UNSIGNED only for streamed needles)");
        }
        if (!nonces.accept(auth.nonce(), auth.millis(), now)) {
            throw unauthorized("this " + InternalSigner.HEADER + " was used before: every call is signed anew (replay refused)");
        }
        return new VerifiedCall(auth.role(), auth.caller(), auth.bodyLength(), auth.bodyHash());
    }

    private static boolean matches(RoleKeys keys, AuthHeader auth, byte[] toSign) {
        byte[] expected = AuthHeader.hex(keys.sign(auth.role(), toSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, auth.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * No empty, {@code .} or {@code ..} segment, no {@code ;} or {@code \}, and none of those characters nor
     * {@code /} or {@code %} escaped: whatever a server decodes and normalizes, it routes what the route table
     * saw. Other escapes stay, and all of them in a name under an {@linkplain InternalRoutes#opaque opaque}
     * prefix.
     */
    private boolean plainPath(String path) {
        if (!path.startsWith("/") || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        // Under an opaque prefix the rest is one name whose escapes the server keeps as data (sts file names).
        String lower = routes.routedPart(path).toLowerCase(Locale.ROOT);
        for (String escaped : new String[]{"%2e", "%2f", "%5c", "%3b", "%25"}) {
            if (lower.contains(escaped)) {
                return false;
            }
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static XfsException unauthorized(String message) {
        return new XfsException(ErrorCode.UNAUTHORIZED, message);
    }
}
