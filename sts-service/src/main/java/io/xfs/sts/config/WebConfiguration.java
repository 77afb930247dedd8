package io.xfs.sts.config;

import io.xfs.sts.http.StsLimits;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {
    /**
     * Filenames are opaque (stored under their hash), so {@code %2F} may be part of one: pass it through to
     * the controller instead of letting Tomcat reject the request.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashPassThrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    StsLimits stsLimits(StsProperties sts) {
        return new StsLimits(sts.maxFileSize().toBytes());
    }
}
