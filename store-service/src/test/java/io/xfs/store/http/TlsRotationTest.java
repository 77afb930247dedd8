package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xfs.common.store.StoreClient;
import io.xfs.common.tls.TestCa;
import io.xfs.common.tls.Tls;
import io.xfs.store.RunningStore;
import io.xfs.store.node.StoreNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store with TLS from PEM files and {@code reload-on-update} (docs/operations.md, "TLS"): both its ports
 * (the Netty API port and Tomcat's management port) serve HTTPS, and when the certificate files are replaced
 * by ones from another CA, new connections to both get the new certificate without a restart.
 */
class TlsRotationTest {

    @Test
    void bothPortsServeTlsAndPickUpReplacedCertificates(@TempDir Path dir) throws Exception {
        TestCa first = TestCa.create("first CA");
        TestCa second = TestCa.create("second CA");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        TestCa.write(first.issue("store"), tls, "node");
        Path ca = first.writeCa(tls);
        try (RunningStore store = RunningStore.start(dir.resolve("data"), Map.of(
                "spring.ssl.bundle.pem.xfs.keystore.certificate", "file:" + tls.resolve("node.crt"),
                "spring.ssl.bundle.pem.xfs.keystore.private-key", "file:" + tls.resolve("node.key"),
                "spring.ssl.bundle.pem.xfs.truststore.certificate", "file:" + ca,
                "spring.ssl.bundle.pem.xfs.reload-on-update", true,
                "spring.ssl.bundle.watch.file.quiet-period", "200ms",
                "server.ssl.bundle", "xfs"))) {
            SSLContext trustsFirst = TestCa.context(null, first.certificate());
            SSLContext trustsSecond = TestCa.context(null, second.certificate());
            assertThat(info(trustsFirst, store)).isEqualTo(store.bean(StoreNode.class).snapshot().id());
            assertThat(health(trustsFirst, store)).isEqualTo(200);
            assertThatThrownBy(() -> info(trustsSecond, store)).isInstanceOf(RuntimeException.class);

            // Renewal by the operator: the new files are written aside, then moved into place.
            Path staging = Files.createDirectories(dir.resolve("staging"));
            TestCa.write(second.issue("store"), staging, "node");
            Files.move(staging.resolve("node.key"), tls.resolve("node.key"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging.resolve("node.crt"), tls.resolve("node.crt"), StandardCopyOption.REPLACE_EXISTING);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(info(trustsSecond, store)).isNotBlank();
                        assertThat(health(trustsSecond, store)).isEqualTo(200);
                    });
            assertThatThrownBy(() -> info(trustsFirst, store)).isInstanceOf(RuntimeException.class);
        }
    }

    /** The API port's {@code /info} over a new connection, trusting only {@code trust}. */
    private static String info(SSLContext trust, RunningStore store) {
        return StoreClient.create(null, new Tls(trust, Tls.ClientAuth.NONE)).info(store.address()).id();
    }

    /** The management port's health over a new connection, trusting only {@code trust}. */
    private static int health(SSLContext trust, RunningStore store) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(trust).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("https://" + store.adminAddress()
                    + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
