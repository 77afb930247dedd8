package io.xfs.common.auth.sigv4;

import io.xfs.common.auth.HmacSha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The parts of AWS Signature Version 4 that signer and verifier share: the canonical request, the string to
 * sign and the signing key, with S3's encoding rules (docs/api.md, "Authentication"): the path is encoded
 * once and never normalized, query names and values are encoded with {@code /} escaped, sorted, and a bare
 * name gets an empty value; header values are trimmed with inner runs of spaces collapsed. Stateless.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** SHA-256 of no bytes: the payload hash of a request without a body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final String AUTHORIZATION = "Authorization";
    public static final String X_AMZ_DATE = "X-Amz-Date";
    public static final String X_AMZ_CONTENT_SHA256 = "X-Amz-Content-Sha256";
    public static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    public static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    public static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    public static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    public static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    /** {@code 20130524T000000Z}: the form of {@code X-Amz-Date}. */
    public static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_SIGNING_KEYS = 4096;
    private static final ConcurrentMap<KeyScope, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c : "-._~".toCharArray()) {
            UNRESERVED[c] = true;
        }
    }

    private SigV4() {
    }

    /**
     * AWS's UriEncode of a string that may already carry percent-escapes: escapes are decoded first (a
     * {@code %} not followed by two hex digits stays a literal {@code %}), then every byte outside
     * {@code A-Z a-z 0-9 - . _ ~} (and {@code /} when {@code keepSlash}) becomes {@code %XX}, upper case.
     * So {@code a%2fb}, {@code a%2Fb} and {@code a/b} (with {@code keepSlash} false) all give {@code a%2Fb}.
     * {@code +} is a literal plus, as in AWS's rules.
     */
    public static String encode(String raw, boolean keepSlash) {
        byte[] bytes = percentDecode(raw);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 128 && (UNRESERVED[c] || keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && hexDigit(bytes[i + 1]) >= 0 && hexDigit(bytes[i + 2]) >= 0) {
                out.write(hexDigit(bytes[i + 1]) << 4 | hexDigit(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hexDigit(byte b) {
        return Character.digit((char) b, 16);
    }

    /** The canonical URI: the raw path encoded per {@link #encode}, slashes kept; {@code /} when empty. */
    public static String canonicalUri(String rawPath) {
        return rawPath.isEmpty() ? "/" : encode(rawPath, true);
    }

    /**
     * The canonical query string of {@code rawQuery}: each name and value encoded per {@link #encode}, pairs
     * sorted by name then value, joined with {@code &}. {@code X-Amz-Signature} is left out when
     * {@code withoutSignature} (a presigned URL's signature cannot sign itself).
     */
    public static String canonicalQuery(@Nullable String rawQuery, boolean withoutSignature) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = encode(eq < 0 ? part : part.substring(0, eq), false);
            if (withoutSignature && name.equals(X_AMZ_SIGNATURE)) {
                continue;
            }
            pairs.add(new String[] {name, eq < 0 ? "" : encode(part.substring(eq + 1), false)});
        }
        // Encoded forms are ASCII, so String order is the byte order AWS sorts by.
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /**
     * The canonical headers block: for each of {@code signedHeaders} (lower case, sorted as the caller gives
     * them), {@code name:value\n}, where several values are joined with {@code ,}.
     *
     * @return null when a signed header is absent from the request
     */
    static @Nullable String canonicalHeaders(SignableRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            List<String> values = request.headers(name);
            if (values.isEmpty()) {
                return null;
            }
            out.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(out, values.get(i));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendTrimmed(StringBuilder out, String value) {
        String trimmed = value.strip();
        boolean space = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                if (!space) {
                    out.append(c);
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
    }

    /**
     * The canonical request: method, canonical URI, {@code canonicalQuery} (already canonical), canonical
     * headers, signed header names and the payload hash, one per line.
     *
     * @return null when a signed header is absent from the request
     */
    static @Nullable String canonicalRequest(SignableRequest request, String canonicalQuery,
                                             List<String> signedHeaders, String payloadHash) {
        String headers = canonicalHeaders(request, signedHeaders);
        if (headers == null) {
            return null;
        }
        return request.method() + '\n' + canonicalUri(request.rawPath()) + '\n' + canonicalQuery + '\n'
                + headers + '\n' + String.join(";", signedHeaders) + '\n' + payloadHash;
    }

    /** {@code <yyyymmdd>/<region>/<service>/aws4_request}. */
    public static String scope(String date, String region, String service) {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The signing key: HMAC chain of {@code "AWS4" + secret} over date, region, service, terminator. Four
     * HMACs that give the same key all day, so keys are kept (bounded; cleared when full): deriving one per
     * request was a third of the verifier's cost (docs/benchmarks.md, "Signed requests cost"). The array
     * returned is shared: read it, never change it.
     */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        KeyScope scope = new KeyScope(secret, date, region, service);
        byte[] key = SIGNING_KEYS.get(scope);
        if (key == null) {
            key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, TERMINATOR);
            if (SIGNING_KEYS.size() >= MAX_SIGNING_KEYS) {
                SIGNING_KEYS.clear();
            }
            SIGNING_KEYS.put(scope, key);
        }
        return key;
    }

    private record KeyScope(String secret, String date, String region, String service) {
    }

    /** The hex signature of {@code stringToSign} under {@code signingKey}. */
    static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    static byte[] hmac(byte[] key, String data) {
        return HmacSha256.mac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lower-cased, sorted names of {@code headers}' keys, as {@code SignedHeaders} lists them. */
    static List<String> sortedNames(Map<String, String> headers) {
        return headers.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    static boolean isHex64(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
