package io.xfs.proxy.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetadataCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MetadataCache cache = new MetadataCache(Duration.ofSeconds(2), 3, Duration.ofSeconds(10), now::get);

    @Test
    void entriesLiveAtMostTheTtl() {
        cache.put("b", "f", view("f", 1), cache.stamp());
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(cache.get("b", "f")).isNotNull();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get("b", "f")).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void invalidationWinsOverALookupThatStartedBeforeIt() {
        long stamp = cache.stamp();           // a reader asks the directory...
        cache.invalidate("b", "f");           // ...this proxy overwrites the file meanwhile...
        cache.put("b", "f", view("f", 1), stamp); // ...and the reader's old answer arrives late
        assertThat(cache.get("b", "f")).isNull();
        cache.put("b", "f", view("f", 2), cache.stamp());
        assertThat(cache.get("b", "f").key()).isEqualTo(2);
    }

    @Test
    void directoryInvalidationCoversEverythingBelowIt() {
        cache.put("b", "d/x", view("d/x", 1), cache.stamp());
        cache.put("b", "other", view("other", 2), cache.stamp());
        long stamp = cache.stamp();
        cache.invalidateDirectory("b", "d/");
        assertThat(cache.get("b", "d/x")).isNull();
        assertThat(cache.get("b", "other")).isNotNull();
        cache.put("b", "d/e/y", view("d/e/y", 3), stamp);
        assertThat(cache.get("b", "d/e/y")).isNull();
    }

    @Test
    void sizeIsBounded() {
        for (int i = 0; i < 10; i++) {
            cache.put("b", "f" + i, view("f" + i, i), cache.stamp());
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b", "f9")).isNotNull();
        assertThat(cache.get("b", "f0")).isNull();
    }

    @Test
    void zeroSizeDisablesCaching() {
        MetadataCache off = new MetadataCache(Duration.ofSeconds(2), 0, Duration.ofSeconds(10), now::get);
        off.put("b", "f", view("f", 1), off.stamp());
        assertThat(off.get("b", "f")).isNull();
    }

    private static FileView view(String name, long key) {
        return FileView.of("b", name, 1, "text/plain", "sha1", "sha256", 0,
                List.of(new NeedleRef(1, key, 7, 1, List.of("s:1"))));
    }
}
