package io.xfs.store.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.auth.servlet.AuditFilter;
import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalAuthenticator;
import io.xfs.common.auth.internal.InternalVerifier;
import io.xfs.common.auth.servlet.InternalAuthFilter;
import io.xfs.common.http.ServerConnector;
import io.xfs.common.tls.Tls;
import io.xfs.common.web.Router;
import io.xfs.common.web.WebServer;
import io.xfs.store.config.HttpProperties;
import io.xfs.store.config.ManagementProperties;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.config.XfsProperties;
import jakarta.servlet.Filter;
import io.xfs.store.node.AddressAdvertiser;
import io.xfs.store.node.StoreCounters;
import io.xfs.store.node.StoreNode;
import io.xfs.store.volume.VolumeManager;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Wires the store's two ports. The API port ({@code server.port}: {@code /get}, {@code /upload},
 * {@code /uploads}, {@code /del}, {@code /info}, {@code /ping}) is served by the Netty layer of
 * {@code io.xfs.common.web}; the management port ({@code xfs.management.port}: {@code /admin/...} and the
 * actuator) by Spring MVC on Tomcat. With {@code server.ssl.bundle} set, both ports speak TLS from that one
 * bundle (docs/operations.md, "TLS"). With a cluster secret, both check every call's signature with the one
 * {@link io.xfs.common.auth.internal.InternalVerifier} check, against {@link StoreRoutes}.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
    private static final byte[] PONG = "{\"code\":0}".getBytes(StandardCharsets.US_ASCII);

    @Bean
    NeedleWriter needleWriter(VolumeManager volumes, StoreCounters counters, StoreNode node) {
        return new NeedleWriter(volumes, counters, node::draining);
    }

    /** The API port's server; {@link ApiServer} starts and stops it. */
    @Bean
    WebServer apiWebServer(VolumeManager volumes, StoreCounters counters, NeedleWriter writer, StoreNode node,
                           StoreProperties store, HttpProperties http, InternalAuth auth,
                           ObjectProvider<MeterRegistry> meters, ObjectProvider<Tls> tls) {
        NeedleReads reads = new NeedleReads(volumes, counters);
        NeedleWrites writes = new NeedleWrites(writer, store.maxNeedleSize().toBytes(), store.maxBatchSize().toBytes());
        Router router = new Router()
                .get("/get", reads::get)
                .post("/upload", writes::upload)
                .post("/uploads", writes::uploadAll)
                .post("/del", writes::delete)
                .get("/info", exchange -> exchange.sendJson(200, node.snapshot()))
                .get("/ping", exchange -> exchange.send(200, "application/json", PONG));
        InternalVerifier verifier = auth.verifier(StoreRoutes.api());
        return new WebServer("store", router, http.options(), verifier == null ? null : new InternalAuthenticator(verifier),
                meters.getIfAvailable(), tls.getIfAvailable());
    }

    /** The cluster secret, once for the store (read from its file at startup). */
    @Bean
    InternalAuth internalAuth(XfsProperties xfs) {
        return xfs.internalAuth();
    }

    @Bean
    ApiServer apiServer(WebServer apiWebServer, ConfigurableEnvironment environment, AddressAdvertiser advertiser) {
        return new ApiServer(apiWebServer, environment, advertiser);
    }

    @Bean
    FilterRegistrationBean<Filter> internalAuthFilter(InternalAuth auth) {
        InternalVerifier verifier = auth.verifier(StoreRoutes.management());
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(verifier == null
                ? (request, response, chain) -> chain.doFilter(request, response) : new InternalAuthFilter(verifier));
        registration.setEnabled(verifier != null);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * One {@code xfs.audit} line per admin call on the management port, refused ones included: before the
     * secret check (docs/operations.md, "Audit log").
     */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter() {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter("store"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/admin/*");
        return registration;
    }

    /**
     * Spring's web server serves the management port: {@code xfs.management.port}, by default the API port + 1.
     * Runs after Boot's own customizer, which set {@code server.port}. Tomcat's NIO2 connector
     * ({@link ServerConnector}).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementPort(ManagementProperties management,
                                                                             ConfigurableEnvironment environment) {
        return new ManagementPortCustomizer(management.port(environment.getProperty("server.port", Integer.class,
                6062)));
    }

    private record ManagementPortCustomizer(int port)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.setPort(port);
            factory.setProtocol(ServerConnector.PROTOCOL);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
