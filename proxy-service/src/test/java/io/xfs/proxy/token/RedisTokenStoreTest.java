package io.xfs.proxy.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisTokenStoreTest {
    private RedisClient redis;
    private RedisTokenStore store;
    private final String nonce = "test-" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        redis = LocalRedis.client();
        store = new RedisTokenStore(redis, Duration.ofSeconds(30));
    }

    @AfterEach
    void cleanUp() {
        redis.del(RedisTokenStore.KEY_PREFIX + nonce);
        redis.close();
    }

    @Test
    void deadlineIsKeptInTheValueAndTtlOnlyAddsGrace() {
        Instant now = Instant.ofEpochMilli(1_000_000);
        store.register(nonce, now.plusSeconds(120), now);

        assertThat(redis.get(RedisTokenStore.KEY_PREFIX + nonce)).isEqualTo(Long.toString(1_000_000 + 120_000));
        assertThat(redis.pttl(RedisTokenStore.KEY_PREFIX + nonce)).isBetween(140_000L, 150_000L);

        assertThat(store.use(nonce, now.plusSeconds(100), Duration.ofSeconds(10))).contains(now.plusSeconds(130));
        assertThat(redis.pttl(RedisTokenStore.KEY_PREFIX + nonce)).isBetween(50_000L, 60_000L);
    }

    @Test
    void concurrentUsesEachExtendTheDeadlineExactlyOnce() throws Exception {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        store.register(nonce, now.plusSeconds(120), now);
        int uses = 40;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < uses; i++) {
                results.add(pool.submit((Callable<Object>) () -> store.use(nonce, now, Duration.ofSeconds(10))));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }

        assertThat(store.use(nonce, now, Duration.ZERO)).contains(now.plusSeconds(120 + 10L * uses));
    }

    @Test
    void unknownTokenIsNotAlive() {
        assertThat(store.use(nonce, Instant.now(), Duration.ofSeconds(10))).isEmpty();
        assertThat(redis.exists(RedisTokenStore.KEY_PREFIX + nonce)).isFalse();
    }
}
