package io.xfs.sts.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xfs.sts.fetch.FetchService;
import io.xfs.sts.slot.SlotStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** sts gauges for Prometheus. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {
    /** Files and bytes held, and downloads running or queued (Prometheus: xfs_sts_*). */
    @Bean
    MeterBinder stsMetrics(SlotStore store, FetchService fetches) {
        return registry -> {
            Gauge.builder("xfs.sts.files", store, SlotStore::fileCount).register(registry);
            Gauge.builder("xfs.sts.bytes", store, SlotStore::byteCount).baseUnit("bytes").register(registry);
            Gauge.builder("xfs.sts.fetches.in.flight", fetches, FetchService::inFlightCount).register(registry);
        };
    }
}
