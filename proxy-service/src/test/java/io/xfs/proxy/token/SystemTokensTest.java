package io.xfs.proxy.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemTokensTest {

    @Test
    void anyConfiguredTokenIsAccepted() {
        SystemTokens tokens = new SystemTokens(List.of("backend-one", "backend-two"));

        assertThat(tokens.matches("backend-one")).isTrue();
        assertThat(tokens.matches("backend-two")).isTrue();
    }

    @Test
    void wrongPrefixOrMissingTokenIsRefused() {
        SystemTokens tokens = new SystemTokens(List.of("backend-one"));

        assertThat(tokens.matches("backend-on")).isFalse();
        assertThat(tokens.matches("backend-one ")).isFalse();
        assertThat(tokens.matches("")).isFalse();
        assertThat(tokens.matches(null)).isFalse();
    }

    @Test
    void withNoTokenConfiguredEverythingIsRefused() {
        SystemTokens tokens = new SystemTokens(List.of("", "  "));

        assertThat(tokens.configured()).isFalse();
        assertThat(tokens.matches("")).isFalse();
        assertThat(tokens.matches("  ")).isFalse();
    }
}
