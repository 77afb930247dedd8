package io.xfs.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.http.ServerConnector;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Directory, proxy and stores all serve with the connector {@link ServerConnector} names. */
@ExtendWith(ProxyClusterExtension.class)
class ServerConnectorTest {
    private final ProxyCluster cluster;

    ServerConnectorTest(ProxyCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void everyServiceServesWithTheNio2Connector() {
        assertThat(cluster.applications()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(app -> {
            Connector connector = connector(app);
            assertThat(connector.getProtocolHandler().getClass().getName())
                    .as(app.getId()).isEqualTo(ServerConnector.PROTOCOL);
        });
    }

    private static Connector connector(ConfigurableApplicationContext app) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app).getWebServer();
        return server.getTomcat().getConnector();
    }
}
