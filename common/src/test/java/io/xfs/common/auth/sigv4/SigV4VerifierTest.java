package io.xfs.common.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the published SigV4 examples of the S3 API reference ("Signature calculations for
 * the Authorization header" and "query string authentication", key AKIAIOSFODNN7EXAMPLE, 2013-05-24), and
 * the signer against the verifier.
 */
class SigV4VerifierTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String HOST = "examplebucket.s3.amazonaws.com";
    private static final Function<String, Optional<String>> SECRETS =
            id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty();

    private final SigV4Verifier verifier = at(EXAMPLE_TIME);

    private static SigV4Verifier at(Instant now) {
        return new SigV4Verifier("us-east-1", Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + KEY + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }

    @Test
    void acceptsTheGetObjectExample() {
        BasicRequest request = new BasicRequest("GET", "/test.txt", null)
                .header("Host", HOST).header("Range", "bytes=0-9")
                .header("x-amz-content-sha256", SigV4.EMPTY_SHA256).header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        SigV4Verifier.Verified verified = verifier.verify(request, SECRETS);
        assertThat(verified.accessKeyId()).isEqualTo(KEY);
        assertThat(verified.payloadHash()).isEqualTo(SigV4.EMPTY_SHA256);
        assertThat(verified.presigned()).isFalse();
    }

    @Test
    void acceptsThePutObjectExampleWithAnEscapedPathAndASignedPayload() {
        BasicRequest request = new BasicRequest("PUT", "/test%24file.text", null)
                .header("Host", HOST).header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-date", "20130524T000000Z").header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
                .header("Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
        assertThat(verifier.verify(request, SECRETS).payloadHash())
                .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        // The same path unescaped by the client canonicalizes the same way.
        BasicRequest unescaped = new BasicRequest("PUT", "/test$file.text", null);
        assertThat(SigV4.canonicalUri(unescaped.rawPath())).isEqualTo("/test%24file.text");
    }

    @Test
    void acceptsTheBucketExamplesWithABareParameterAndASortedQuery() {
        BasicRequest lifecycle = new BasicRequest("GET", "/", "lifecycle")
                .header("Host", HOST).header("x-amz-content-sha256", SigV4.EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
        verifier.verify(lifecycle, SECRETS);
        BasicRequest list = new BasicRequest("GET", "/", "prefix=J&max-keys=2")
                .header("Host", HOST).header("x-amz-content-sha256", SigV4.EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
        verifier.verify(list, SECRETS);
    }

    @Test
    void acceptsThePresignedExampleUntilItExpires() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1"
                + "%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        BasicRequest request = new BasicRequest("GET", "/test.txt", query).header("Host", HOST);
        assertThat(at(EXAMPLE_TIME.plusSeconds(86_400)).verify(request, SECRETS).presigned()).isTrue();
        assertThatThrownBy(() -> at(EXAMPLE_TIME.plusSeconds(86_401)).verify(request, SECRETS))
                .isInstanceOf(XfsException.class).hasMessageContaining("expired");
    }

    @Test
    void refusesAPresignedUrlValidForMoreThanSevenDays() {
        SigV4Signer signer = new SigV4Signer(KEY, SECRET, "us-east-1");
        String query = signer.presign("GET", "/file", "path=/b/x", "h", EXAMPLE_TIME, Duration.ofDays(8));
        assertThatThrownBy(() -> verifier.verify(new BasicRequest("GET", "/file", query).header("Host", "h"), SECRETS))
                .hasMessageContaining("7 days");
    }

    @Test
    void signerAndVerifierAgreeOnHeadersAndPresignedUrls() {
        SigV4Signer signer = new SigV4Signer(KEY, SECRET, "us-east-1");
        String rawQuery = "path=/bucket/a%20b/%E2%82%AC.txt&limit=5";
        Map<String, String> added = signer.sign("PUT", "/file", rawQuery, Map.of("Host", "localhost:8080"),
                SigV4.UNSIGNED_PAYLOAD, EXAMPLE_TIME);
        BasicRequest signed = new BasicRequest("PUT", "/file", rawQuery).header("Host", "localhost:8080")
                .header("Content-Length", "3").headers(added);
        SigV4Verifier.Verified verified = verifier.verify(signed, SECRETS);
        assertThat(verified.payloadHash()).isNull();

        String presigned = signer.presign("GET", "/file", "path=/bucket/x y", "localhost:8080", EXAMPLE_TIME,
                Duration.ofMinutes(5));
        assertThat(verifier.verify(new BasicRequest("GET", "/file", presigned).header("Host", "localhost:8080"),
                SECRETS).presigned()).isTrue();
    }

    @Test
    void refusesATamperedRequestAWrongSecretAndAnUnknownKey() {
        SigV4Signer signer = new SigV4Signer(KEY, SECRET, "us-east-1");
        Map<String, String> added = signer.sign("GET", "/file", "path=/b/x", Map.of("Host", "h"), SigV4.EMPTY_SHA256,
                EXAMPLE_TIME);
        BasicRequest other = new BasicRequest("GET", "/file", "path=/b/y").header("Host", "h").headers(added);
        assertThatThrownBy(() -> verifier.verify(other, SECRETS)).isInstanceOf(XfsException.class)
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessageContaining("SignatureDoesNotMatch");
        BasicRequest same = new BasicRequest("GET", "/file", "path=/b/x").header("Host", "h").headers(added);
        assertThatThrownBy(() -> verifier.verify(same, id -> Optional.of("wrong")))
                .hasMessageContaining("SignatureDoesNotMatch");
        assertThatThrownBy(() -> verifier.verify(same, id -> Optional.empty()))
                .hasMessageContaining("InvalidAccessKeyId");
        verifier.verify(same, SECRETS);
    }

    @Test
    void refusesARequestSignedMoreThanFifteenMinutesAway() {
        SigV4Signer signer = new SigV4Signer(KEY, SECRET, "us-east-1");
        Map<String, String> added = signer.sign("GET", "/file", null, Map.of("Host", "h"), SigV4.EMPTY_SHA256,
                EXAMPLE_TIME);
        BasicRequest request = new BasicRequest("GET", "/file", null).header("Host", "h").headers(added);
        at(EXAMPLE_TIME.plus(Duration.ofMinutes(15))).verify(request, SECRETS);
        assertThatThrownBy(() -> at(EXAMPLE_TIME.plus(Duration.ofMinutes(16))).verify(request, SECRETS))
                .hasMessageContaining("RequestTimeTooSkewed");
        assertThatThrownBy(() -> at(EXAMPLE_TIME.minus(Duration.ofMinutes(16))).verify(request, SECRETS))
                .hasMessageContaining("RequestTimeTooSkewed");
    }

    @Test
    void refusesAnotherRegionAndAnUnsignedHostOrDate() {
        SigV4Signer elsewhere = new SigV4Signer(KEY, SECRET, "eu-west-1");
        Map<String, String> added = elsewhere.sign("GET", "/file", null, Map.of("Host", "h"), SigV4.EMPTY_SHA256,
                EXAMPLE_TIME);
        assertThatThrownBy(() -> verifier.verify(new BasicRequest("GET", "/file", null).header("Host", "h")
                .headers(added), SECRETS)).hasMessageContaining("region");
        BasicRequest noHost = new BasicRequest("GET", "/file", null).header("Host", "h")
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("x-amz-date", "00"));
        assertThatThrownBy(() -> verifier.verify(noHost, SECRETS)).hasMessageContaining("host");
        BasicRequest dateUnsigned = new BasicRequest("GET", "/file", null).header("Host", "h")
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host", "00"));
        assertThatThrownBy(() -> verifier.verify(dateUnsigned, SECRETS)).hasMessageContaining("x-amz-date");
    }

    @Test
    void acceptsCurlsQueryAsSentBeforeCurl81() {
        // curl 7.x signs the query exactly as given on its command line (path=/b/x, slashes unescaped).
        String rawQuery = "path=/b/x";
        String amzDate = "20130524T000000Z";
        BasicRequest request = new BasicRequest("GET", "/file", rawQuery).header("Host", "h")
                .header("x-amz-date", amzDate).header("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        String canonical = SigV4.canonicalRequest(request, rawQuery,
                java.util.List.of("host", "x-amz-content-sha256", "x-amz-date"), SigV4.EMPTY_SHA256);
        String scope = SigV4.scope("20130524", "us-east-1", "s3");
        String signature = SigV4.signature(SigV4.signingKey(SECRET, "20130524", "us-east-1", "s3"),
                SigV4.stringToSign(amzDate, scope, canonical));
        request.header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date", signature));
        assertThat(verifier.verify(request, SECRETS).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void derivesTheSigningKeyOfAwssExampleAndKeepsItPerSecretAndScope() {
        // docs.aws.amazon.com, "Examples of how to derive a signing key for Signature Version 4".
        String secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        byte[] key = SigV4.signingKey(secret, "20120215", "us-east-1", "iam");
        assertThat(java.util.HexFormat.of().formatHex(key))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
        assertThat(SigV4.signingKey(secret, "20120215", "us-east-1", "iam")).isSameAs(key);
        assertThat(SigV4.signingKey(secret, "20120216", "us-east-1", "iam")).isNotEqualTo(key);
        assertThat(SigV4.signingKey(secret + "x", "20120215", "us-east-1", "iam")).isNotEqualTo(key);
    }

    @Test
    void encodesLikeAws() {
        assertThat(SigV4.encode("a b+c/~é%2f%zz", false)).isEqualTo("a%20b%2Bc%2F~%C3%A9%2F%25zz");
        assertThat(SigV4.canonicalQuery("b=2&a=1&a=0&c&X-Amz-Signature=x", true)).isEqualTo("a=0&a=1&b=2&c=");
    }
}
