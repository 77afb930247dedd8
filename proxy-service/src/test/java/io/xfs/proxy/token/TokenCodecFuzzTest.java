package io.xfs.proxy.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.testing.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random changes to tokens: a token has exactly one spelling, and anything else decodes to nothing. */
class TokenCodecFuzzTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final TokenCodec codec = new TokenCodec("a shared signing key".getBytes(StandardCharsets.UTF_8));

    @Test
    void onlyTheIssuedTextDecodes() {
        List<String> issued = List.of(
                codec.encode(codec.newToken(TokenType.UPLOAD, HASH, Instant.ofEpochMilli(1_700_000_000_123L))),
                codec.encode(codec.newToken(TokenType.DOWNLOAD, HASH, Instant.ofEpochMilli(0))));
        RandomInputs.check("TokenCodec.decode", 20_000, random -> {
            String text = RandomInputs.mutate(random, issued);
            assertThat(codec.decode(text).isPresent()).as(text).isEqualTo(issued.contains(text));
        });
    }
}
