package io.xfs.common.auth.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Signs requests as an S3 client does (the bench tool, the CLI and tests use it): an {@code Authorization}
 * header over the given headers, or a presigned query string. Immutable and thread-safe.
 */
public final class SigV4Signer {
    private final String accessKeyId;
    private final String secret;
    private final String region;

    public SigV4Signer(String accessKeyId, String secret, String region) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
    }

    /**
     * The headers to add to a request so that it is signed: {@code X-Amz-Date}, {@code X-Amz-Content-Sha256}
     * and {@code Authorization}, signing {@code headers} (which must hold {@code Host}) and those two.
     *
     * @param rawPath     the path as it will be sent (percent-encoded)
     * @param rawQuery    the query as it will be sent, or null
     * @param payloadHash the body's SHA-256 in hex, or {@link SigV4#UNSIGNED_PAYLOAD}
     */
    public Map<String, String> sign(String method, String rawPath, @Nullable String rawQuery,
                                    Map<String, String> headers, String payloadHash, Instant now) {
        String amzDate = SigV4.AMZ_DATE.format(now);
        Map<String, String> all = new TreeMap<>();
        headers.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
        all.put("x-amz-date", amzDate);
        all.put("x-amz-content-sha256", payloadHash);
        List<String> signed = new ArrayList<>(all.keySet());
        String scope = SigV4.scope(amzDate.substring(0, 8), region, SigV4Verifier.SERVICE);
        String signature = signature(method, rawPath, SigV4.canonicalQuery(rawQuery, false), all, signed, payloadHash,
                amzDate, scope);
        Map<String, String> added = new LinkedHashMap<>();
        added.put(SigV4.X_AMZ_DATE, amzDate);
        added.put(SigV4.X_AMZ_CONTENT_SHA256, payloadHash);
        added.put(SigV4.AUTHORIZATION, SigV4.ALGORITHM + " Credential=" + accessKeyId + "/" + scope
                + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
        return added;
    }

    /**
     * A presigned query: {@code rawQuery} (may be null) followed by the {@code X-Amz-*} parameters, valid for
     * {@code expires} from {@code now}, signing only {@code host}.
     */
    public String presign(String method, String rawPath, @Nullable String rawQuery, String host, Instant now,
                          Duration expires) {
        String amzDate = SigV4.AMZ_DATE.format(now);
        String scope = SigV4.scope(amzDate.substring(0, 8), region, SigV4Verifier.SERVICE);
        String query = (rawQuery == null || rawQuery.isEmpty() ? "" : rawQuery + "&")
                + SigV4.X_AMZ_ALGORITHM + "=" + SigV4.ALGORITHM
                + "&" + SigV4.X_AMZ_CREDENTIAL + "=" + SigV4.encode(accessKeyId + "/" + scope, false)
                + "&" + SigV4.X_AMZ_DATE + "=" + amzDate
                + "&" + SigV4.X_AMZ_EXPIRES + "=" + expires.toSeconds()
                + "&" + SigV4.X_AMZ_SIGNED_HEADERS + "=host";
        String signature = signature(method, rawPath, SigV4.canonicalQuery(query, true), Map.of("host", host),
                List.of("host"), SigV4.UNSIGNED_PAYLOAD, amzDate, scope);
        return query + "&" + SigV4.X_AMZ_SIGNATURE + "=" + signature;
    }

    private String signature(String method, String rawPath, String canonicalQuery, Map<String, String> headers,
                             List<String> signed, String payloadHash, String amzDate, String scope) {
        SignableRequest request = new BasicRequest(method, rawPath, null).headers(headers);
        String canonical = SigV4.canonicalRequest(request, canonicalQuery, signed, payloadHash);
        if (canonical == null) {
            throw new IllegalStateException("every signed header is given");
        }
        return SigV4.signature(SigV4.signingKey(secret, amzDate.substring(0, 8), region, SigV4Verifier.SERVICE),
                SigV4.stringToSign(amzDate, scope, canonical));
    }
}
