package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.proxy.token.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/** Both upload state stores behave alike; the Redis one runs against the machine's Redis. */
class UploadStateStoreTest {
    private final String hash = randomHash();
    private final Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    private RedisClient redis;
    private UploadStateStore store;

    private UploadStateStore store(String kind) {
        if (kind.equals("redis")) {
            redis = LocalRedis.client();
            store = new RedisUploadStateStore(redis);
        } else {
            store = new MemoryUploadStateStore();
        }
        return store;
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            store.remove(hash);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void initStartsAnEmptyUploadAndResumesIt(String kind) {
        UploadStateStore uploads = store(kind);

        UploadState started = uploads.init(hash, "movie.mp4", 1000, t0).state();
        uploads.putChunk(hash, chunk(2, 400), t0.plusSeconds(1));
        UploadStateStore.Init resumed = uploads.init(hash, "film.mp4", 1000, t0.plusSeconds(2));

        assertThat(started.chunks()).isEmpty();
        assertThat(started.created()).isEqualTo(t0);
        assertThat(resumed.dropped()).isEmpty();
        assertThat(resumed.state().name()).isEqualTo("film.mp4");
        assertThat(resumed.state().created()).isEqualTo(t0);
        assertThat(resumed.state().updated()).isEqualTo(t0.plusSeconds(2));
        assertThat(resumed.state().chunks()).containsOnlyKeys(2);
        assertThat(resumed.state().chunks().get(2)).isEqualTo(chunk(2, 400));
        assertThat(resumed.state().missingChunks()).containsExactly(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void initWithAnotherSizeReplacesTheUploadAndHandsBackItsChunks(String kind) {
        UploadStateStore uploads = store(kind);
        uploads.init(hash, "a", 1000, t0);
        uploads.putChunk(hash, chunk(1, 500), t0);

        UploadStateStore.Init replaced = uploads.init(hash, "a", 2000, t0.plusSeconds(5));

        assertThat(replaced.dropped()).containsExactly(chunk(1, 500));
        assertThat(replaced.state().chunks()).isEmpty();
        assertThat(replaced.state().size()).isEqualTo(2000);
        assertThat(replaced.state().created()).isEqualTo(t0.plusSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void firstChunkRecordedUnderANumberWins(String kind) {
        UploadStateStore uploads = store(kind);
        uploads.init(hash, "a", 1000, t0);

        assertThat(uploads.putChunk(hash, chunk(1, 10), t0)).contains(chunk(1, 10));
        ChunkRef other = new ChunkRef(1, 10, randomHash(), "other-file");
        assertThat(uploads.putChunk(hash, other, t0)).contains(chunk(1, 10));
        assertThat(uploads.find(hash).orElseThrow().chunks().values()).containsExactly(chunk(1, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void concurrentChunksAreAllRecorded(String kind) throws Exception {
        UploadStateStore uploads = store(kind);
        uploads.init(hash, "a", 100_000, t0);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int n = 1; n <= 50; n++) {
                int number = n;
                done.add(pool.submit(() -> uploads.putChunk(hash, chunk(number, 7), t0)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        UploadState state = uploads.find(hash).orElseThrow();
        assertThat(state.chunks()).hasSize(50);
        assertThat(state.receivedBytes()).isEqualTo(350);
        assertThat(state.missingChunks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void chunkWithoutInitIsNotRecorded(String kind) {
        UploadStateStore uploads = store(kind);

        assertThat(uploads.putChunk(hash, chunk(1, 10), t0)).isEmpty();
        assertThat(uploads.find(hash)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void onlyIdleUploadsAreRemovedByTheCleaner(String kind) {
        UploadStateStore uploads = store(kind);
        uploads.init(hash, "a", 1000, t0);
        uploads.putChunk(hash, chunk(3, 10), t0.plusSeconds(60));

        assertThat(uploads.idleSince(t0.plusSeconds(60), 1000)).doesNotContain(hash);
        assertThat(uploads.removeIfIdle(hash, t0.plusSeconds(60))).isEmpty();
        assertThat(uploads.idleSince(t0.plusSeconds(61), 100_000)).contains(hash);

        UploadState removed = uploads.removeIfIdle(hash, t0.plusSeconds(61)).orElseThrow();
        assertThat(removed.chunks().values()).containsExactly(chunk(3, 10));
        assertThat(uploads.find(hash)).isEmpty();
        assertThat(uploads.idleSince(t0.plus(Duration.ofDays(1)), 100_000)).doesNotContain(hash);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void removeHandsBackTheChunks(String kind) {
        UploadStateStore uploads = store(kind);
        uploads.init(hash, "a", 1000, t0);
        uploads.putChunk(hash, chunk(1, 10), t0);

        assertThat(uploads.remove(hash).orElseThrow().chunks()).containsOnlyKeys(1);
        assertThat(uploads.remove(hash)).isEmpty();
    }

    private ChunkRef chunk(int number, long size) {
        return new ChunkRef(number, size, hash.substring(0, 60) + "%04d".formatted(number),
                ".uploads/" + hash + "/" + number + "-x");
    }

    static String randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
