package io.xfs.proxy.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.xfs.common.http.ServerConnector;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.ProxyCounters;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy's HTTP connector settings and its own counters as metrics. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * Tomcat's NIO2 connector ({@link ServerConnector}). Answers {@code Expect: 100-continue} only when the
     * body is first read, so that a request refused from its headers (413 from Content-Length, 400) is never
     * sent at all; and keeps a connection open for any number of requests (Tomcat closes it after 100 by
     * default, and a busy keep-alive client then pays for a new connection every 100 calls).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorSettings() {
        return factory -> {
            factory.setProtocol(ServerConnector.PROTOCOL);
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11) {
                    http11.setContinueResponseTiming("onRead");
                    http11.setMaxKeepAliveRequests(-1);
                }
            });
        };
    }

    /**
     * The counters of {@code GET /status} in {@code /actuator/prometheus} too, as
     * {@code xfs_proxy_<name>_total}: the file servlets have no {@code http.server.requests} timer.
     */
    @Bean
    MeterBinder proxyCounterMetrics(ProxyCounters counters) {
        return registry -> counters.snapshot().keySet().forEach(name ->
                FunctionCounter.builder("xfs.proxy." + name.replace('_', '.'), counters, c -> c.snapshot().get(name))
                        .description("proxy counter " + name + " since start (see GET /status)")
                        .register(registry));
    }

    /** {@code xfs_proxy_breakers_open}: stores this proxy's writes avoid now (docs/operations.md). */
    @Bean
    MeterBinder proxyBreakerMetrics(FileService files) {
        return registry -> Gauge.builder("xfs.proxy.breakers.open", files, f -> f.openBreakers().size())
                .description("stores whose write circuit breaker is open in this proxy")
                .register(registry);
    }
}
