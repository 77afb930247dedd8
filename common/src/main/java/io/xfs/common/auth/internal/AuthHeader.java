package io.xfs.common.auth.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Xfs-Auth} header (docs/api.md, "Internal calls"):
 * <pre>
 * XFS1 role=proxy,id=proxy-1,t=1765000000123,n=&lt;nonce&gt;,len=5,body=&lt;sha256 hex | UNSIGNED&gt;,sig=&lt;hmac hex&gt;
 * </pre>
 * and the string it signs: these fields and the method and target, one per line. Immutable.
 */
record AuthHeader(InternalRole role, String caller, long millis, String nonce, long bodyLength, String bodyHash,
                  String signature) {
    static final String SCHEME = "XFS1";
    static final String UNSIGNED = "UNSIGNED";
    /** Caller ids and nonces: no separator of the header can hide in them. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Set<String> FIELDS = Set.of("role", "id", "t", "n", "len", "body", "sig");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}|" + UNSIGNED);

    static boolean validToken(String value) {
        return TOKEN.matcher(value).matches();
    }

    String format() {
        return SCHEME + " role=" + role.wireName() + ",id=" + caller + ",t=" + millis + ",n=" + nonce + ",len="
                + bodyLength + ",body=" + bodyHash + ",sig=" + signature;
    }

    /** The bytes the HMAC covers: a fixed prefix, then every field and the request, one per line. */
    static byte[] stringToSign(InternalRole role, String caller, String method, String target, long bodyLength,
                               String bodyHash, long millis, String nonce) {
        return (SCHEME + "\n" + role.wireName() + "\n" + caller + "\n" + method + "\n" + target + "\n" + bodyLength
                + "\n" + bodyHash + "\n" + millis + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The header parsed, or null when it is not one (any field missing, repeated, unknown or malformed). */
    static @Nullable AuthHeader parse(String header) {
        if (!header.startsWith(SCHEME + " ") || header.length() > 1024) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : header.substring(SCHEME.length() + 1).split(",", -1)) {
            int eq = field.indexOf('=');
            if (eq <= 0 || !FIELDS.contains(field.substring(0, eq))
                    || fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                return null;
            }
        }
        if (fields.size() != FIELDS.size()) {
            return null;
        }
        String caller = fields.get("id");
        String nonce = fields.get("n");
        String body = fields.get("body");
        String sig = fields.get("sig");
        InternalRole parsedRole = InternalRole.byWireName(fields.get("role")).orElse(null);
        if (parsedRole == null || !validToken(caller) || !validToken(nonce) || !HASH.matcher(body).matches()
                || !sig.matches("[0-9a-f]{64}")) {
            return null;
        }
        try {
            long parsedLength = Long.parseLong(fields.get("len"));
            if (parsedLength < 0) {
                return null;
            }
            return new AuthHeader(parsedRole, caller, Long.parseLong(fields.get("t")), nonce, parsedLength, body, sig);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
