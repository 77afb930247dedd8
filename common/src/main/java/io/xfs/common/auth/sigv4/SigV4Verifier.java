package io.xfs.common.auth.sigv4;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks AWS Signature Version 4 on a request, in the {@code Authorization} header or as a presigned query
 * ({@code X-Amz-*} parameters), as S3 does (docs/api.md, "Authentication"): credential scope of this
 * region and service {@code s3}; {@code host} always signed, and every {@code x-amz-*} header of a header
 * signature; the request time within {@link #MAX_SKEW} of this clock; a presigned URL valid for at most
 * {@link #MAX_EXPIRES} and refused once expired. The payload hash is taken from
 * {@code x-amz-content-sha256} ({@code UNSIGNED-PAYLOAD} or hex) and returned, for the caller to check
 * the body as it streams ({@link PayloadVerifier}). Thread-safe.
 *
 * <p>curl before 8.1 signs the query string as sent instead of its canonical form; a signature over the
 * query as sent is accepted too. Both strings are functions of the request itself, so this lets nobody
 * sign what they could not sign before.
 */
public final class SigV4Verifier {
    public static final String SERVICE = "s3";
    /** S3's allowance for clock skew. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** S3's longest presigned URL. */
    public static final Duration MAX_EXPIRES = Duration.ofDays(7);

    /** Headers that decide how the request is checked, so a signature must cover them when they are sent. */
    private static final List<String> MUST_SIGN = List.of("x-amz-content-sha256", "x-amz-date");

    private final String region;
    private final Clock clock;

    public SigV4Verifier(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    public String region() {
        return region;
    }

    /**
     * Whether the request carries SigV4 credentials at all (an {@code Authorization} header or an
     * {@code X-Amz-Signature} / {@code X-Amz-Credential} parameter): without, it is anonymous.
     */
    public static boolean isSigned(SignableRequest request) {
        if (request.header(SigV4.AUTHORIZATION) != null) {
            return true;
        }
        String query = request.rawQuery();
        return query != null && (query.contains(SigV4.X_AMZ_SIGNATURE) || query.contains(SigV4.X_AMZ_CREDENTIAL));
    }

    /**
     * Verifies the request's signature.
     *
     * @param secrets the secret of an access key id, empty for a key that does not exist (or was revoked)
     * @throws XfsException {@link ErrorCode#UNAUTHORIZED} for an unknown key, a wrong, expired or malformed
     *                      signature; {@link ErrorCode#BAD_ARGUMENT} for a payload hash this server cannot
     *                      check (streaming signatures)
     */
    public Verified verify(SignableRequest request, Function<String, Optional<String>> secrets) {
        return verify(request, secrets, null);
    }

    /**
     * Like {@link #verify(SignableRequest, Function)}, for a header signature without
     * {@code x-amz-content-sha256} over a body the caller has read: generic SigV4 (curl 7.x) signs the body's
     * hash without sending it.
     *
     * @param bodySha256 the body's SHA-256 in hex, or null when it was not read
     */
    public Verified verify(SignableRequest request, Function<String, Optional<String>> secrets,
                           @Nullable String bodySha256) {
        String authorization = request.header(SigV4.AUTHORIZATION);
        return authorization != null ? verifyHeader(request, authorization, secrets, bodySha256)
                : verifyPresigned(request, secrets);
    }

    /**
     * Whether the caller must read the body and pass its hash to {@link #verify(SignableRequest, Function, String)}:
     * a header signature with a body and no {@code x-amz-content-sha256}.
     */
    public static boolean needsBodyHash(SignableRequest request) {
        return request.header(SigV4.AUTHORIZATION) != null && request.header(SigV4.X_AMZ_CONTENT_SHA256) == null
                && hasBody(request);
    }

    private Verified verifyHeader(SignableRequest request, String authorization,
                                  Function<String, Optional<String>> secrets, @Nullable String bodySha256) {
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw refused("the Authorization header is not " + SigV4.ALGORITHM + " (AWS Signature Version 4)");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw refused("malformed Authorization header component '" + p + "'");
            }
            String value = p.substring(eq + 1);
            switch (p.substring(0, eq)) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> throw refused("unknown Authorization header component '" + p.substring(0, eq) + "'");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw refused("the Authorization header needs Credential, SignedHeaders and Signature");
        }
        Instant time = headerTime(request);
        checkSkew(time);
        Scope scope = scope(credential, time);
        List<String> signed = signedHeaders(signedHeaders);
        for (String amz : MUST_SIGN) {
            if (request.header(amz) != null && !signed.contains(amz)) {
                throw refused("header " + amz + " is not signed (it must be when sent)");
            }
        }
        String payload = bodySha256 != null && request.header(SigV4.X_AMZ_CONTENT_SHA256) == null
                ? bodySha256 : payloadHash(request);
        String secret = secret(secrets, scope.accessKeyId());
        check(request, secret, scope, SigV4.AMZ_DATE.format(time), signed, payload, signature, false);
        return new Verified(scope.accessKeyId(), signature, false, time,
                payload.equals(SigV4.UNSIGNED_PAYLOAD) ? null : payload.toLowerCase(Locale.ROOT));
    }

    private Verified verifyPresigned(SignableRequest request, Function<String, Optional<String>> secrets) {
        QueryString query;
        try {
            query = QueryString.parseKeepingPlus(request.rawQuery());
        } catch (RuntimeException malformed) {
            throw refused("the presigned query does not decode");
        }
        String algorithm = query.first(SigV4.X_AMZ_ALGORITHM);
        String credential = query.first(SigV4.X_AMZ_CREDENTIAL);
        String date = query.first(SigV4.X_AMZ_DATE);
        String expires = query.first(SigV4.X_AMZ_EXPIRES);
        String signedHeaders = query.first(SigV4.X_AMZ_SIGNED_HEADERS);
        String signature = query.first(SigV4.X_AMZ_SIGNATURE);
        if (algorithm == null || credential == null || date == null || expires == null || signedHeaders == null
                || signature == null) {
            throw refused("a presigned URL needs X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, "
                    + "X-Amz-SignedHeaders and X-Amz-Signature");
        }
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw refused("X-Amz-Algorithm must be " + SigV4.ALGORITHM);
        }
        Instant time = parseAmzDate(date);
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw refused("X-Amz-Expires is not a number of seconds");
        }
        if (seconds < 1 || seconds > MAX_EXPIRES.toSeconds()) {
            throw refused("X-Amz-Expires must be 1 to " + MAX_EXPIRES.toSeconds() + " seconds (7 days)");
        }
        Instant now = clock.instant();
        if (time.isAfter(now.plus(MAX_SKEW))) {
            throw refused("the presigned URL is dated in the future (X-Amz-Date " + date + ")");
        }
        if (now.isAfter(time.plusSeconds(seconds))) {
            throw refused("the presigned URL expired at " + time.plusSeconds(seconds));
        }
        Scope scope = scope(credential, time);
        List<String> signed = signedHeaders(signedHeaders);
        String secret = secret(secrets, scope.accessKeyId());
        check(request, secret, scope, date, signed, SigV4.UNSIGNED_PAYLOAD, signature, true);
        return new Verified(scope.accessKeyId(), signature, true, time, null);
    }

    private void check(SignableRequest request, String secret, Scope scope, String amzDate, List<String> signed,
                       String payload, String signature, boolean presigned) {
        String canonicalQuery = SigV4.canonicalQuery(request.rawQuery(), presigned);
        byte[] key = SigV4.signingKey(secret, scope.date(), region, SERVICE);
        if (matches(request, key, scope, amzDate, canonicalQuery, signed, payload, signature)) {
            return;
        }
        String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
        if (!presigned && !rawQuery.equals(canonicalQuery)
                && matches(request, key, scope, amzDate, rawQuery, signed, payload, signature)) {
            return;
        }
        throw refused("the signature does not match (SignatureDoesNotMatch): check the secret key, region '"
                + region + "' and service '" + SERVICE + "'");
    }

    private static boolean matches(SignableRequest request, byte[] key, Scope scope, String amzDate,
                                   String canonicalQuery, List<String> signed, String payload, String signature) {
        String canonical = SigV4.canonicalRequest(request, canonicalQuery, signed, payload);
        if (canonical == null) {
            throw refused("a signed header is missing from the request");
        }
        String expected = SigV4.signature(key, SigV4.stringToSign(amzDate, scope.full(), canonical));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String secret(Function<String, Optional<String>> secrets, String accessKeyId) {
        return secrets.apply(accessKeyId).orElseThrow(() ->
                refused("no access key '" + accessKeyId + "' (InvalidAccessKeyId; revoked keys are gone)"));
    }

    private static Instant headerTime(SignableRequest request) {
        String amzDate = request.header(SigV4.X_AMZ_DATE);
        if (amzDate != null) {
            return parseAmzDate(amzDate.strip());
        }
        String date = request.header("Date");
        if (date == null) {
            throw refused("a signed request needs X-Amz-Date (or Date)");
        }
        try {
            return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw refused("the Date header is not an HTTP date");
        }
    }

    private static Instant parseAmzDate(String value) {
        try {
            return Instant.from(SigV4.AMZ_DATE.parse(value));
        } catch (DateTimeException e) {
            throw refused("X-Amz-Date '" + value + "' is not of the form 20130524T000000Z");
        }
    }

    private void checkSkew(Instant time) {
        Instant now = clock.instant();
        if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
            throw refused("the request time " + time + " is more than 15 minutes from the server's " + now
                    + " (RequestTimeTooSkewed)");
        }
    }

    private Scope scope(String credential, Instant time) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty()) {
            throw refused("Credential must be <access key id>/<yyyymmdd>/<region>/s3/aws4_request");
        }
        String day = SigV4.AMZ_DATE.format(time).substring(0, 8);
        if (!parts[1].equals(day)) {
            throw refused("the credential's date " + parts[1] + " is not the request's " + day);
        }
        if (!parts[2].equals(region)) {
            throw refused("the credential's region '" + parts[2] + "' is not this server's '" + region + "'");
        }
        if (!parts[3].equals(SERVICE) || !parts[4].equals(SigV4.TERMINATOR)) {
            throw refused("the credential's scope must end in /" + SERVICE + "/" + SigV4.TERMINATOR);
        }
        return new Scope(parts[0], parts[1], SigV4.scope(parts[1], region, SERVICE));
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = Arrays.stream(value.split(";")).map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        if (!names.contains("host")) {
            throw refused("SignedHeaders must include host");
        }
        return names;
    }

    private static String payloadHash(SignableRequest request) {
        String value = request.header(SigV4.X_AMZ_CONTENT_SHA256);
        if (value == null) {
            if (hasBody(request)) {
                throw refused("a signed request with a body needs x-amz-content-sha256 "
                        + "(the body's SHA-256 in hex, or UNSIGNED-PAYLOAD)");
            }
            return SigV4.EMPTY_SHA256;
        }
        value = value.strip();
        if (value.equals(SigV4.UNSIGNED_PAYLOAD) || SigV4.isHex64(value)) {
            return value;
        }
        if (value.startsWith("STREAMING-")) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "x-amz-content-sha256 " + value
                    + " (aws-chunked signing) is not supported: send UNSIGNED-PAYLOAD or the body's SHA-256");
        }
        throw refused("x-amz-content-sha256 must be UNSIGNED-PAYLOAD or 64 hex digits");
    }

    private static boolean hasBody(SignableRequest request) {
        String length = request.header("Content-Length");
        return request.header("Transfer-Encoding") != null || length != null && !length.strip().equals("0");
    }

    private static XfsException refused(String message) {
        return new XfsException(ErrorCode.UNAUTHORIZED, message);
    }

    private record Scope(String accessKeyId, String date, String full) {
    }

    /**
     * A request whose signature checked out.
     *
     * @param signature   its signature, lower-case hex (a replay check keys on it)
     * @param time        the time it was signed at
     * @param payloadHash the body's SHA-256 the signature covers (lower-case hex), to check as it streams;
     *                    null for {@code UNSIGNED-PAYLOAD} and presigned URLs
     */
    public record Verified(String accessKeyId, String signature, boolean presigned, Instant time,
                           @Nullable String payloadHash) {
    }
}
