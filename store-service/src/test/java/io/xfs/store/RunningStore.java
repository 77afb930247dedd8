package io.xfs.store;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.store.StoreClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real store application for tests that need several, restart one, or configure it differently: started
 * with {@link StoreApplication#builder()} on random ports (API and management), closed by the test.
 */
public record RunningStore(ConfigurableApplicationContext context, int port, int adminPort) implements AutoCloseable {
    /** The cluster secret of tests that set one ({@code xfs.cluster-secret}). */
    public static final String SECRET = "store-test-cluster-secret";
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts a store on {@code dataDir} with a random port, the given properties on top. */
    public static RunningStore start(Path dataDir, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.put("xfs.management.port", 0);
        all.put("xfs.data-dir", dataDir.toString());
        all.put("xfs.store.advertised-host", "127.0.0.1");
        all.putAll(properties);
        ConfigurableApplicationContext context = StoreApplication.builder().properties(all).run();
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
        int adminPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "0"));
        return new RunningStore(context, port, adminPort);
    }

    /** A client that signs its calls as {@code role} with {@link #SECRET}. */
    public static StoreClient client(InternalRole role) {
        return StoreClient.create(signer(role));
    }

    public static InternalSigner signer(InternalRole role) {
        return new InternalSigner(ClusterSecret.of(SECRET), role, "test-" + role.wireName());
    }

    /** {@code 127.0.0.1:port}, as {@code StoreClient} and ZooKeeper name the store. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:port} of the management port (admin calls, actuator). */
    public String adminAddress() {
        return "127.0.0.1:" + adminPort;
    }

    public URI adminUri(String pathAndQuery) {
        return URI.create("http://" + adminAddress() + pathAndQuery);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + address() + pathAndQuery);
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
