package io.xfs.sts.http;

import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalRoutes;
import io.xfs.sts.cluster.Router;
import io.xfs.sts.fetch.FetchService;
import io.xfs.sts.slot.SlotStore;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

/** Registers {@link StsServlet} for the four calls, lets encoded slashes reach it, keeps form bodies whole. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
    @Bean
    ServletRegistrationBean<StsServlet> stsServlet(SlotStore store, FetchService fetches, Router router,
            Forwarder forwarder, StsLimits limits, InternalAuth auth) {
        ServletRegistrationBean<StsServlet> registration = new ServletRegistrationBean<>(
                new StsServlet(store, fetches, router, forwarder, limits, auth.verifier(peerRoutes())),
                StsServlet.FETCH_PATH, StsServlet.FILE_PREFIX + "*");
        registration.setName("sts");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Calls one instance forwards to another: both calls, from sts instances only; file names are opaque. */
    static InternalRoutes peerRoutes() {
        return InternalRoutes.builder()
                .allowStreamed(StsServlet.FETCH_PATH, InternalRole.STS)
                .allowStreamed(StsServlet.FILE_PREFIX, InternalRole.STS)
                .opaque(StsServlet.FILE_PREFIX);
    }

    /**
     * Spring's form-content filter would parse a form-encoded {@code PUT} or {@code DELETE} body as parameters:
     * it would consume a file body sent with curl's default type, and answer a malformed one with a 500 before
     * the servlet runs. The sts reads parameters from the query only (docs/api.md "sts").
     */
    @Bean
    FilterRegistrationBean<Filter> formContentFilterOff(ObjectProvider<FormContentFilter> filter) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                filter.getIfAvailable(FormContentFilter::new));
        registration.setName("formContentFilter");
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Filenames are opaque (stored under their hash), so {@code %2F} may be part of one: pass it through to
     * the servlet instead of letting Tomcat reject the request.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashPassThrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
