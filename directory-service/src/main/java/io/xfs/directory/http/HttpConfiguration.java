package io.xfs.directory.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.auth.servlet.AuditFilter;
import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalVerifier;
import io.xfs.common.auth.servlet.InternalAuthFilter;
import io.xfs.common.http.ServerConnector;
import io.xfs.directory.config.ClusterProperties;
import io.xfs.directory.placement.Placements;
import jakarta.servlet.Filter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Wires the directory's HTTP API: {@code /upload}, {@code /commit}, the batched {@code /commits} and {@code /get}
 * as plain servlets beside Spring's dispatcher (an exact servlet mapping wins over the
 * dispatcher's {@code /}), the rest as Spring MVC controllers, and with a cluster secret the internal-call
 * check ({@link DirectoryRoutes}) in front of both.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
    private static final String DISPATCHER = DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME;

    /** The cluster secret, once for the directory (read from its file at startup). */
    @Bean
    InternalAuth internalAuth(ClusterProperties cluster) {
        return cluster.internalAuth();
    }

    /** Every call, to the plain servlets and to Spring's dispatcher alike, before anything else. */
    @Bean
    FilterRegistrationBean<Filter> internalAuthFilter(InternalAuth auth) {
        InternalVerifier verifier = auth.verifier(DirectoryRoutes.routes());
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(verifier == null
                ? (request, response, chain) -> chain.doFilter(request, response) : new InternalAuthFilter(verifier));
        registration.setEnabled(verifier != null);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Tomcat's NIO2 connector, as every xfs service ({@link ServerConnector}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorSettings() {
        return factory -> factory.setProtocol(ServerConnector.PROTOCOL);
    }

    @Bean
    PlacementCalls placementCalls(Placements placements) {
        return new PlacementCalls(placements);
    }

    @Bean
    ServletRegistrationBean<JsonCallServlet> uploadServlet(PlacementCalls calls, MeterRegistry meters) {
        return servlet("POST", "upload", calls::upload, meters);
    }

    @Bean
    ServletRegistrationBean<JsonCallServlet> commitServlet(PlacementCalls calls, MeterRegistry meters) {
        return servlet("POST", "commit", calls::commit, meters);
    }

    @Bean
    ServletRegistrationBean<JsonCallServlet> commitsServlet(PlacementCalls calls, MeterRegistry meters) {
        return servlet("POST", "commits", calls::commits, meters);
    }

    @Bean
    ServletRegistrationBean<JsonCallServlet> getServlet(PlacementCalls calls, MeterRegistry meters) {
        return servlet("GET", "get", calls::get, meters);
    }

    /**
     * Keeps the actuator's {@code http.server.requests} observation to what Spring's dispatcher serves. On
     * the hot servlets it cost more than their own work (a timer sample and a long-task timer per request,
     * tags built from the request) for a latency histogram the proxy measures anyway; they count their
     * answers instead ({@code xfs.directory.requests}).
     */
    @Bean
    static BeanPostProcessor observeDispatcherOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter) {
                    registration.setUrlPatterns(List.of());
                    registration.setServletNames(List.of(DISPATCHER));
                }
                return bean;
            }
        };
    }

    /*
     * Spring's own servlet filters serve what Spring MVC needs (the request's encoding, form bodies of PUT and
     * DELETE, the request in a thread-local) and nothing the hot servlets use, yet they took about a tenth of
     * a /get. Registered here for the dispatcher only, Spring Boot does not map them to every path.
     */

    @Bean
    FilterRegistrationBean<Filter> characterEncodingFilterRegistration(ObjectProvider<CharacterEncodingFilter> filter) {
        return dispatcherOnly("characterEncodingFilter", filter.getIfAvailable());
    }

    @Bean
    FilterRegistrationBean<Filter> formContentFilterRegistration(ObjectProvider<FormContentFilter> filter) {
        // Off: the PUT and DELETE calls read their query only, and the filter answered a malformed form body
        // with a 500 before any handler could refuse it.
        FilterRegistrationBean<Filter> registration = dispatcherOnly("formContentFilter", filter.getIfAvailable());
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> requestContextFilterRegistration(ObjectProvider<RequestContextFilter> filter) {
        return dispatcherOnly("requestContextFilter", filter.getIfAvailable());
    }

    /**
     * One {@code xfs.audit} line per admin call, refused ones included: first in the chain, before any
     * authentication (docs/operations.md, "Audit log").
     */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter() {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter("directory"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/admin/*", "/auth/admin/*");
        return registration;
    }

    /** {@code filter} mapped to Spring's dispatcher only, in its own order; disabled when there is none. */
    private static FilterRegistrationBean<Filter> dispatcherOnly(String name, @Nullable Filter filter) {
        FilterRegistrationBean<Filter> registration =
                new FilterRegistrationBean<>(filter != null ? filter : (request, response, chain) -> chain.doFilter(request, response));
        registration.setName(name);
        registration.setEnabled(filter != null);
        registration.setServletNames(List.of(DISPATCHER));
        if (filter instanceof Ordered ordered) {
            registration.setOrder(ordered.getOrder());
        }
        return registration;
    }

    /** The servlet of call {@code name}, mapped to exactly {@code /name}. */
    private static ServletRegistrationBean<JsonCallServlet> servlet(String method, String name,
                                                                    JsonCallServlet.Call call, MeterRegistry meters) {
        ServletRegistrationBean<JsonCallServlet> registration =
                new ServletRegistrationBean<>(new JsonCallServlet(method, name, call, meters), "/" + name);
        registration.setName(name);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
