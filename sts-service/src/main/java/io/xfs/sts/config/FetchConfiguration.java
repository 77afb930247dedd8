package io.xfs.sts.config;

import io.xfs.sts.fetch.AddressGuard;
import io.xfs.sts.fetch.FetchLimits;
import io.xfs.sts.fetch.FetchService;
import io.xfs.sts.fetch.Fetcher;
import io.xfs.sts.fetch.OriginClient;
import io.xfs.sts.slot.SlotStore;
import java.time.Clock;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the fetch path: SSRF guard and pinned client from {@code xfs.sts.fetch.*}, and the single-flight service. */
@Configuration(proxyBeanMethods = false)
class FetchConfiguration {
    @Bean
    Fetcher fetcher(FetchProperties fetch) {
        AddressGuard guard = AddressGuard.withSystemResolver(fetch.allowHosts(), fetch.allowPrivate());
        OriginClient client = new OriginClient(fetch.connectTimeout(), fetch.readTimeout(),
                (SSLSocketFactory) SSLSocketFactory.getDefault());
        return new Fetcher(guard, client);
    }

    @Bean(destroyMethod = "close")
    FetchService fetchService(SlotStore store, Fetcher fetcher, FetchProperties fetch, Clock clock) {
        FetchLimits limits = new FetchLimits(fetch.maxLength().toBytes(), fetch.timeout(), fetch.maxConcurrent());
        return new FetchService(store, fetcher, limits, clock);
    }
}
