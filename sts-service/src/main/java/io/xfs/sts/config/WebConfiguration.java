package io.xfs.sts.config;

import io.xfs.common.http.ServerConnector;
import io.xfs.sts.http.StsLimits;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP connector, and the limits the HTTP layer applies itself, from {@code xfs.sts.*}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {
    @Bean
    StsLimits stsLimits(StsProperties sts) {
        return new StsLimits(sts.maxFileSize().toBytes());
    }

    /** Tomcat's NIO2 connector, as every xfs service ({@link ServerConnector}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorSettings() {
        return factory -> factory.setProtocol(ServerConnector.PROTOCOL);
    }
}
