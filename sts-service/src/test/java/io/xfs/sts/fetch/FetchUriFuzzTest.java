package io.xfs.sts.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.testing.RandomInputs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Random fetch uris, as text and as the base64 parameter: each is an absolute http(s) uri whose host is a
 * name or a canonical address, or a 400; never another exception, and never a lookup (FetchUri has no
 * resolver).
 */
class FetchUriFuzzTest {
    private static final List<String> SAMPLES = List.of("http://example.com/a?b=1", "https://127.0.0.1:8443/x",
            "http://0177.0.0.1/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]:80/", "http://[::1]/",
            "http://user:pw@example.com/", "http://2130706433/", "HTTP://Example.COM./x#f", "file:///etc/passwd",
            "http://10.0.0.1:0/", "http://a.b.c.d.123/");

    @Test
    void aUriIsAcceptedOnlyWithAnUnambiguousHost() {
        RandomInputs.check("FetchUri.validate", 20_000, random -> {
            String text = RandomInputs.mutate(random, SAMPLES);
            URI uri;
            try {
                uri = random.nextBoolean() ? FetchUri.validate(text)
                        : FetchUri.decode(Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            } catch (XfsException e) {
                assertThat(e.errorCode()).as(text).isEqualTo(ErrorCode.BAD_ARGUMENT);
                return;
            }
            assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).as(text).isIn("http", "https");
            assertThat(uri.getRawUserInfo()).as(text).isNull();
            String host = uri.getHost();
            assertThat(host).as(text).isNotEmpty().doesNotEndWith(".");
            if (host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
                String[] parts = host.split("\\.", -1);
                assertThat(parts).as(text).hasSize(4);
                for (String part : parts) {
                    assertThat(Integer.toString(Integer.parseInt(part))).as(text).isEqualTo(part);
                    assertThat(Integer.parseInt(part)).as(text).isBetween(0, 255);
                }
            }
            if (host.startsWith("[")) {
                assertThat(host).as(text).doesNotContain(".").doesNotContainIgnoringCase("ffff:");
            }
        });
    }

    @Test
    void anyTextIsAUriOrA400() {
        RandomInputs.check("FetchUri.decode", 20_000, random -> {
            String base64 = RandomInputs.tricky(random, 40);
            try {
                FetchUri.decode(base64);
            } catch (XfsException e) {
                assertThat(e.errorCode()).as(base64).isEqualTo(ErrorCode.BAD_ARGUMENT);
            }
        });
    }
}
