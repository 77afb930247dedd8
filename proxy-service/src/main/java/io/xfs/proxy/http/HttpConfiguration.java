package io.xfs.proxy.http;

import io.micrometer.observation.ObservationRegistry;
import io.xfs.proxy.file.FileService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Wires the hot paths of the public API, {@code /file} and {@code /files}, as plain servlets beside Spring's
 * dispatcher (an exact servlet mapping wins over the dispatcher's {@code /}). The filters mapped to
 * {@code /*} still run before them (the private bucket's, character encoding), except two that Spring Boot
 * would add for every request and that only serve Spring MVC: they are declared here instead, skipping the
 * file servlets ({@link FileServlet#serves}).
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    ServletRegistrationBean<FileServlet> fileServlet(FileService files, PublicPaths paths) {
        return servlet(new FileServlet(files, paths, FileServlet.FILE), "file");
    }

    @Bean
    ServletRegistrationBean<FileServlet> filesServlet(FileService files, PublicPaths paths) {
        return servlet(new FileServlet(files, paths, FileServlet.FILES), "files");
    }

    /**
     * Spring Boot's {@code http.server.requests} observation (same name, convention, order and dispatch
     * types), except for the file servlets: timing a request and deriving its tags cost about as much CPU as
     * the servlet's own work on a cached read. Their traffic is counted by the {@code xfs.proxy.*} metrics.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> mvcObservationFilter(ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> customConvention, ObservationProperties properties) {
        String name = properties.getHttp().getServer().getRequests().getName();
        ServerRequestObservationConvention convention =
                customConvention.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new ServerHttpObservationFilter(registry, convention) {
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        return FileServlet.serves(request);
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /**
     * Spring Boot's request context filter (locale and request attributes as thread-bound state, for Spring
     * MVC and request-scoped beans), except for the file servlets, which use neither.
     */
    @Bean
    OrderedRequestContextFilter mvcRequestContextFilter() {
        return new OrderedRequestContextFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return FileServlet.serves(request);
            }
        };
    }

    private static ServletRegistrationBean<FileServlet> servlet(FileServlet servlet, String name) {
        ServletRegistrationBean<FileServlet> registration = new ServletRegistrationBean<>(servlet, servlet.path());
        registration.setName(name);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
