package io.xfs.store.http;

import io.xfs.common.web.WebServer;
import io.xfs.store.node.AddressAdvertiser;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Runs the store's API port ({@code server.port}) on the Netty {@link WebServer} as part of Spring's
 * lifecycle: it starts after the management port (Spring's web server) and before the ZooKeeper
 * registration, and stops after the registration and before the management port. Once listening it
 * publishes {@code local.server.port} (the API port, as tests and the standalone read it) and
 * {@code local.management.port}, and advertises the store's address.
 */
final class ApiServer implements SmartLifecycle {
    /** Boot's property source of the {@code local.*.port} properties. */
    private static final String PORTS = "server.ports";

    private final WebServer server;
    private final ConfigurableEnvironment environment;
    private final AddressAdvertiser advertiser;
    private volatile boolean running;

    ApiServer(WebServer server, ConfigurableEnvironment environment, AddressAdvertiser advertiser) {
        this.server = server;
        this.environment = environment;
        this.advertiser = advertiser;
    }

    @Override
    public void start() {
        int port = environment.getProperty("server.port", Integer.class, 6062);
        String host = environment.getProperty("server.address");
        InetSocketAddress bound;
        try {
            bound = server.start(host, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the API port", e);
        }
        Integer management = environment.getProperty("local.server.port", Integer.class);
        Map<String, Object> ports = ports();
        if (management != null) {
            ports.put("local.management.port", management);
        }
        ports.put("local.server.port", bound.getPort());
        advertiser.apiListening(bound.getPort());
        running = true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ports() {
        MutablePropertySources sources = environment.getPropertySources();
        PropertySource<?> source = sources.get(PORTS);
        if (source == null) {
            source = new MapPropertySource(PORTS, new HashMap<>());
            sources.addFirst(source);
        }
        return (Map<String, Object>) source.getSource();
    }

    @Override
    public void stop() {
        running = false;
        server.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the management port starts (Boot's phase MAX-2048), before its graceful shutdown (MAX-1024). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 512;
    }
}
