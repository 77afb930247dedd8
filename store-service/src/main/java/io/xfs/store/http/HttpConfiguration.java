package io.xfs.store.http;

import io.xfs.common.http.ServerConnector;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.config.XfsProperties;
import io.xfs.store.node.StoreCounters;
import io.xfs.store.node.StoreNode;
import io.xfs.store.volume.VolumeManager;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the store's HTTP API: the hot paths ({@code /get}, {@code /upload}, {@code /uploads}) as plain
 * servlets beside Spring's dispatcher (an exact servlet mapping wins over the dispatcher's {@code /}), and
 * the cluster-secret filter when {@code xfs.cluster-secret} is set.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    NeedleWriter needleWriter(VolumeManager volumes, StoreCounters counters, StoreNode node) {
        return new NeedleWriter(volumes, counters, node::draining);
    }

    @Bean
    ServletRegistrationBean<NeedleReadServlet> needleReadServlet(VolumeManager volumes, StoreCounters counters) {
        return servlet(new NeedleReadServlet(volumes, counters), "needleRead", "/get");
    }

    @Bean
    ServletRegistrationBean<UploadServlet> uploadServlet(NeedleWriter writer, StoreProperties store) {
        return servlet(new UploadServlet(writer, store.maxNeedleSize().toBytes()), "upload", "/upload");
    }

    @Bean
    ServletRegistrationBean<BatchUploadServlet> batchUploadServlet(NeedleWriter writer, StoreProperties store) {
        return servlet(new BatchUploadServlet(writer, store.maxNeedleSize().toBytes(), store.maxBatchSize().toBytes()),
                "batchUpload", "/uploads");
    }

    @Bean
    FilterRegistrationBean<ClusterSecretFilter> clusterSecretFilter(XfsProperties xfs) {
        String secret = xfs.clusterSecret();
        FilterRegistrationBean<ClusterSecretFilter> registration =
                new FilterRegistrationBean<>(new ClusterSecretFilter(secret == null ? "" : secret));
        registration.setEnabled(secret != null);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Tomcat's NIO2 connector ({@link ServerConnector}), answering {@code Expect: 100-continue} only once
     * the servlet reads the body: a refused upload (413, 401, 404) then never makes the client send it, and
     * the connection closes cleanly.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorSettings() {
        return factory -> {
            factory.setProtocol(ServerConnector.PROTOCOL);
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
        };
    }

    private static <S extends jakarta.servlet.Servlet> ServletRegistrationBean<S> servlet(S servlet, String name,
                                                                                          String path) {
        ServletRegistrationBean<S> registration = new ServletRegistrationBean<>(servlet, path);
        registration.setName(name);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
