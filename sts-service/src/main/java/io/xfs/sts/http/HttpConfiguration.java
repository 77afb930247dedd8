package io.xfs.sts.http;

import io.xfs.sts.cluster.Router;
import io.xfs.sts.fetch.FetchService;
import io.xfs.sts.slot.SlotStore;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link StsServlet} for the four calls and lets encoded slashes reach it. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {
    @Bean
    ServletRegistrationBean<StsServlet> stsServlet(SlotStore store, FetchService fetches, Router router,
            Forwarder forwarder, StsLimits limits) {
        ServletRegistrationBean<StsServlet> registration = new ServletRegistrationBean<>(
                new StsServlet(store, fetches, router, forwarder, limits),
                StsServlet.FETCH_PATH, StsServlet.FILE_PREFIX + "*");
        registration.setName("sts");
        registration.setLoadOnStartup(1);
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
