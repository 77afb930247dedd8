package io.xfs.store.scrub;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.volume.VolumeManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scrubber ({@code xfs.store.scrub.*}) and its counters {@code xfs_store_scrub_bytes_total},
 * {@code xfs_store_scrub_bad_needles_total} and {@code xfs_store_scrub_cycles_total}. A {@link ScrubListener}
 * bean (repair's) receives the bad needles; without one they are logged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "xfs.store.scrub.enabled", matchIfMissing = true)
class ScrubConfiguration {

    @Bean(destroyMethod = "close")
    Scrubber scrubber(VolumeManager volumes, StoreProperties store, ObjectProvider<ScrubListener> listener) {
        StoreProperties.Scrub s = store.scrub();
        Scrubber scrubber = new Scrubber(volumes, listener.getIfAvailable(Scrubber::loggingListener),
                new Scrubber.Settings(s.bytesPerSecond().toBytes(), s.pause()));
        scrubber.start();
        return scrubber;
    }

    @Bean
    MeterBinder scrubMeters(Scrubber scrubber) {
        return registry -> {
            FunctionCounter.builder("xfs.store.scrub.bytes", scrubber, Scrubber::bytesScrubbed)
                    .description("volume bytes re-read and CRC-checked by the scrubber").register(registry);
            FunctionCounter.builder("xfs.store.scrub.bad.needles", scrubber, Scrubber::badNeedles)
                    .description("live needles the scrubber found failing their CRC32C").register(registry);
            FunctionCounter.builder("xfs.store.scrub.cycles", scrubber, Scrubber::cycles)
                    .description("completed passes over every volume").register(registry);
        };
    }
}
