package io.xfs.proxy.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private final TokenCodec codec = new TokenCodec("a shared signing key".getBytes(StandardCharsets.UTF_8));

    @Test
    void encodedTokenDecodesToWhatWasSigned() {
        Token token = codec.newToken(TokenType.UPLOAD, HASH, Instant.ofEpochMilli(1_700_000_000_123L));

        String text = codec.encode(token);

        assertThat(codec.decode(text)).contains(token);
        assertThat(text).matches("[A-Za-z0-9._-]+").startsWith("1.u." + HASH + ".1700000000123.");
    }

    @Test
    void everyTokenGetsItsOwnNonce() {
        Instant now = Instant.now();
        assertThat(codec.newToken(TokenType.DOWNLOAD, HASH, now).nonce())
                .isNotEqualTo(codec.newToken(TokenType.DOWNLOAD, HASH, now).nonce());
    }

    @Test
    void alteringAnyCharacterOfTheTokenMakesItInvalid() {
        String text = codec.encode(codec.newToken(TokenType.DOWNLOAD, HASH, Instant.now()));

        for (int i = 0; i < text.length(); i++) {
            char original = text.charAt(i);
            char replacement = original == 'a' ? 'b' : 'a';
            String altered = text.substring(0, i) + replacement + text.substring(i + 1);
            assertThat(codec.decode(altered)).as("altered at %d: %s", i, altered).isEmpty();
        }
    }

    @Test
    void changingTheTypeOrHashInvalidatesTheSignature() {
        String text = codec.encode(codec.newToken(TokenType.DOWNLOAD, HASH, Instant.now()));

        assertThat(codec.decode(text.replace("1.d.", "1.u."))).isEmpty();
        assertThat(codec.decode(text.replace(HASH, HASH.replace('9', '8')))).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        TokenCodec forger = new TokenCodec("somebody else's key".getBytes(StandardCharsets.UTF_8));
        String forged = forger.encode(forger.newToken(TokenType.UPLOAD, HASH, Instant.now()));

        assertThat(codec.decode(forged)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("no-dots")).isEmpty();
        assertThat(codec.decode("1.u.x.y.z.!!!")).isEmpty();
        assertThat(codec.decode("x".repeat(10_000))).isEmpty();
    }

    @Test
    void shortSigningKeyIsRejected() {
        assertThatThrownBy(() -> new TokenCodec("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    }
}
