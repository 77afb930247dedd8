package io.xfs.store.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Sets the store's addresses once its ports listen (either may have been chosen at random): the API port
 * (Netty, told through {@link #apiListening}) and the management port (Spring's web server, told through its
 * event). The host is {@code xfs.store.advertised-host}, else this machine's address.
 */
public final class AddressAdvertiser implements ApplicationListener<WebServerInitializedEvent> {
    private static final Logger log = LoggerFactory.getLogger(AddressAdvertiser.class);

    private final StoreNode node;
    private final @Nullable String advertisedHost;

    AddressAdvertiser(StoreNode node, @Nullable String advertisedHost) {
        this.node = node;
        this.advertisedHost = advertisedHost;
    }

    /** The API port listens on {@code port}. */
    public void apiListening(int port) {
        String address = host() + ":" + port;
        node.advertise(address);
        log.info("Store {} (rack {}) serves at {}", node.identity().id(), node.identity().rack(), address);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        WebServerApplicationContext context = event.getApplicationContext();
        if (context.getServerNamespace() != null) {
            return;
        }
        String address = host() + ":" + event.getWebServer().getPort();
        node.advertiseAdmin(address);
        log.info("Store {} answers admin calls and the actuator at {}", node.identity().id(), address);
    }

    private String host() {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            log.warn("Cannot resolve this machine's address ({}); advertising 127.0.0.1", e.toString());
            return "127.0.0.1";
        }
    }
}
