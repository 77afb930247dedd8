package io.xfs.proxy.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

/** The token lifetime of seed 004, against both stores (Redis is the machine's real one). */
class TokenServiceTest {
    private static final String HASH = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final TokenLifetime SEED_LIFETIME = new TokenLifetime(Duration.ofSeconds(120), Duration.ofSeconds(10));

    private final TestClock clock = TestClock.atRealNow();
    private final TokenCodec codec = new TokenCodec("signing key for the test".getBytes(StandardCharsets.UTF_8));
    private RedisClient redis;

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("memory"), Arguments.of("redis"));
    }

    @AfterEach
    void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private TokenService service(String storeName) {
        Supplier<TokenStore> store = switch (storeName) {
            case "memory" -> MemoryTokenStore::new;
            case "redis" -> () -> {
                redis = LocalRedis.client();
                return new RedisTokenStore(redis, Duration.ofMinutes(1));
            };
            default -> throw new IllegalArgumentException(storeName);
        };
        return new TokenService(codec, store.get(), clock, SEED_LIFETIME);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void unusedTokenLivesJustUnder120Seconds(String store) {
        TokenService tokens = service(store);
        String early = tokens.issue(TokenType.UPLOAD, HASH).text();
        String late = tokens.issue(TokenType.UPLOAD, HASH).text();

        clock.advance(Duration.ofMillis(119_999));
        assertThat(tokens.authorize(early, TokenType.UPLOAD).hash()).isEqualTo(HASH);

        clock.advance(Duration.ofMillis(1));
        assertForbidden(() -> tokens.authorize(late, TokenType.UPLOAD), "expired");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void tokenUsedEveryFiveSecondsStaysAlivePast120Seconds(String store) {
        TokenService tokens = service(store);
        String token = tokens.issue(TokenType.DOWNLOAD, HASH).text();

        for (int second = 5; second <= 300; second += 5) {
            clock.advance(Duration.ofSeconds(5));
            assertThat(tokens.authorize(token, TokenType.DOWNLOAD).hash()).as("use at %d s", second).isEqualTo(HASH);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void eachUsePushesTheDeadlineTenSecondsFurther(String store) {
        TokenService tokens = service(store);
        String token = tokens.issue(TokenType.UPLOAD, HASH).text();
        tokens.authorize(token, TokenType.UPLOAD);
        tokens.authorize(token, TokenType.UPLOAD);

        clock.advance(Duration.ofSeconds(139)); // deadline is now 120 + 2 x 10 = 140 s
        tokens.authorize(token, TokenType.UPLOAD); // -> 150 s
        clock.advance(Duration.ofSeconds(11));
        assertForbidden(() -> tokens.authorize(token, TokenType.UPLOAD), "expired");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void expiredTokenStaysDeadEvenIfTheClockGoesBack(String store) {
        TokenService tokens = service(store);
        String token = tokens.issue(TokenType.UPLOAD, HASH).text();
        clock.advance(Duration.ofSeconds(121));
        assertForbidden(() -> tokens.authorize(token, TokenType.UPLOAD), "expired");

        clock.advance(Duration.ofSeconds(-60));
        if (store.equals("memory")) {
            // The memory store drops a dead token at once; Redis keeps the value for its TTL but the
            // deadline in it has not moved, so the token would be alive again only for an earlier clock.
            assertForbidden(() -> tokens.authorize(token, TokenType.UPLOAD), "expired");
        } else {
            assertThat(tokens.authorize(token, TokenType.UPLOAD).hash()).isEqualTo(HASH);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void tokenOfTheOtherTypeIsRefused(String store) {
        TokenService tokens = service(store);
        String upload = tokens.issue(TokenType.UPLOAD, HASH).text();

        assertForbidden(() -> tokens.authorize(upload, TokenType.DOWNLOAD), "this is an upload token");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void forgedTokenIsRefusedAndTokenFromAnotherStoreIsUnknown(String store) {
        TokenService tokens = service(store);
        TokenService elsewhere = new TokenService(codec, new MemoryTokenStore(), clock, SEED_LIFETIME);
        String notRegisteredHere = elsewhere.issue(TokenType.UPLOAD, HASH).text();

        assertForbidden(() -> tokens.authorize(notRegisteredHere, TokenType.UPLOAD), "expired");
        assertForbidden(() -> tokens.authorize(notRegisteredHere + "x", TokenType.UPLOAD), "invalid");
        assertForbidden(() -> tokens.authorize(null, TokenType.UPLOAD), "required");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void issuingRejectsSomethingThatIsNoSha256(String store) {
        TokenService tokens = service(store);

        for (String bad : List.of("", "abc", HASH + "0", HASH.replace('2', 'g'))) {
            assertThatThrownBy(() -> tokens.issue(TokenType.UPLOAD, bad))
                    .isInstanceOfSatisfying(XfsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        }
        assertThat(tokens.issue(TokenType.UPLOAD, HASH.toUpperCase()).token().hash()).isEqualTo(HASH);
    }

    private static void assertForbidden(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XfsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
