package io.xfs.common.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.error.XfsException;
import io.xfs.common.testing.RandomInputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random changes to signed requests (the {@code Authorization} header, the {@code X-Amz-*} headers, presigned
 * queries, the path): the verifier accepts only what it signed and refuses the rest with a 4xx, never with
 * another exception.
 */
class SigV4FuzzTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Function<String, Optional<String>> SECRETS =
            id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty();
    private static final SigV4Signer SIGNER = new SigV4Signer(KEY, SECRET, "us-east-1");
    private static final SigV4Verifier VERIFIER = new SigV4Verifier("us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String PATH = "/file";
    private static final String QUERY = "path=%2Fdl%2Fb1%2Fa.txt";

    @Test
    void aChangedHeaderSignatureIsRefusedWith4xx() {
        Map<String, String> signed = SIGNER.sign("GET", PATH, QUERY, Map.of("Host", "xfs:2232"), SigV4.UNSIGNED_PAYLOAD,
                NOW);
        assertThat(VERIFIER.verify(headerRequest(PATH, QUERY, signed), SECRETS).accessKeyId()).isEqualTo(KEY);
        List<String> names = List.of(SigV4.AUTHORIZATION, SigV4.X_AMZ_DATE, SigV4.X_AMZ_CONTENT_SHA256, "Host");
        RandomInputs.check("SigV4 header", 4_000, random -> {
            Map<String, String> changed = new java.util.HashMap<>(signed);
            String name = names.get(random.nextInt(names.size()));
            changed.put(name, RandomInputs.mutate(random, List.of(changed.getOrDefault(name, "xfs:2232"))));
            String path = random.nextInt(8) == 0 ? RandomInputs.mutate(random, List.of(PATH)) : PATH;
            expectOnlyTheSignature(headerRequest(path, QUERY, changed), signature(signed.get(SigV4.AUTHORIZATION)),
                    !changed.equals(signed) || !path.equals(PATH));
        });
    }

    @Test
    void aChangedPresignedQueryIsRefusedWith4xx() {
        String presigned = SIGNER.presign("GET", PATH, QUERY, "xfs:2232", NOW, Duration.ofMinutes(5));
        RandomInputs.check("SigV4 presigned", 4_000, random -> {
            String query = RandomInputs.mutate(random, List.of(presigned));
            BasicRequest request = new BasicRequest("GET", PATH, query).header("Host", "xfs:2232");
            expectOnlyTheSignature(request, signature(presigned), !query.equals(presigned));
        });
    }

    private static BasicRequest headerRequest(String path, String query, Map<String, String> headers) {
        return new BasicRequest("GET", path, query).header("Host", headers.getOrDefault("Host", "xfs:2232"))
                .headers(without(headers, "Host"));
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> rest = new java.util.HashMap<>(headers);
        rest.remove(name);
        return rest;
    }

    private static String signature(String signed) {
        return signed.substring(signed.lastIndexOf("Signature=") + "Signature=".length());
    }

    /** Verified only with the signature made for it (a change the canonical form ignores may pass), else a 4xx. */
    private static void expectOnlyTheSignature(BasicRequest request, String signature, boolean changed) {
        try {
            SigV4Verifier.Verified verified = VERIFIER.verify(request, SECRETS);
            assertThat(verified.accessKeyId()).isEqualTo(KEY);
            assertThat(verified.signature()).isEqualTo(signature);
        } catch (XfsException e) {
            assertThat(e.errorCode().httpStatus()).as(request.rawPath() + "?" + request.rawQuery()).isBetween(400, 499);
            assertThat(changed).as("the unchanged request was refused: " + e.getMessage()).isTrue();
        }
    }
}
