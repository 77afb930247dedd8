package io.xfs.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import io.xfs.common.http.client.Response;
import io.xfs.common.web.Router;
import io.xfs.common.web.WebOptions;
import io.xfs.common.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty API port and the internal client over TLS, with a CA made for the test: the exchange works both
 * ways, and plain HTTP, an untrusted server, a client certificate from another CA and a certificate that names
 * another host are refused (docs/operations.md, "TLS").
 */
class TlsTest {
    private static final TestCa CA = TestCa.create("xfs test CA");
    private static final TestCa OTHER = TestCa.create("another CA");
    private static final TestCa.Issued NODE = CA.issue("node");

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private String start(Tls tls) throws InterruptedException {
        Router router = new Router()
                .get("/ping", ex -> ex.send(200, "text/plain", "pong".getBytes(StandardCharsets.US_ASCII)))
                .post("/echo", ex -> {
                    byte[] body;
                    try (InputStream in = ex.body()) {
                        body = in.readAllBytes();
                    }
                    ex.send(200, "application/octet-stream", body);
                });
        WebServer server = new WebServer("tls-test", router, WebOptions.defaults(), null, null, tls);
        open.add(server);
        assertThat(server.secure()).isTrue();
        return "127.0.0.1:" + server.start("127.0.0.1", 0).getPort();
    }

    private KeepAliveClient client(Tls tls) {
        KeepAliveClient client = new KeepAliveClient(KeepAliveClient.Settings.of(Duration.ofSeconds(5),
                Duration.ofSeconds(5)), tls);
        open.add(client);
        return client;
    }

    private static Tls tls(TestCa ca, TestCa.Issued identity, Tls.ClientAuth clientAuth) {
        return new Tls(ca.context(identity), clientAuth);
    }

    @Test
    void aTrustingClientExchangesOverTlsOnOneKeptConnection() throws Exception {
        String server = start(tls(CA, NODE, Tls.ClientAuth.NEED));
        KeepAliveClient client = client(tls(CA, CA.issue("client"), Tls.ClientAuth.NONE));
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        for (int i = 0; i < 3; i++) {
            try (Response response = client.send(Request.post(server, "/echo", RequestBody.of(body, 0, body.length)))) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bytes(1 << 20)).isEqualTo(body);
            }
        }
        assertThat(client.idleConnections(server)).isEqualTo(1);
    }

    @Test
    void plainHttpToATlsPortFails() throws Exception {
        String server = start(tls(CA, NODE, Tls.ClientAuth.NONE));
        KeepAliveClient plain = client(null);
        assertThatThrownBy(() -> plain.send(Request.get(server, "/ping")).bytes()).isInstanceOf(IOException.class);
    }

    @Test
    void aClientRefusesAServerFromAnotherCa() throws Exception {
        String server = start(tls(OTHER, OTHER.issue("impostor"), Tls.ClientAuth.NONE));
        KeepAliveClient client = client(tls(CA, NODE, Tls.ClientAuth.NONE));
        assertThatThrownBy(() -> client.send(Request.get(server, "/ping"))).isInstanceOf(SSLException.class);
    }

    @Test
    void aServerNeedingClientCertificatesRefusesOneFromAnotherCaAndNone() throws Exception {
        String server = start(tls(CA, NODE, Tls.ClientAuth.NEED));
        // Trusts the cluster's CA, so it would accept the server, but shows a certificate the server does not trust.
        KeepAliveClient foreign = client(new Tls(TestCa.context(OTHER.issue("intruder"), CA.certificate()),
                Tls.ClientAuth.NONE));
        assertThatThrownBy(() -> foreign.send(Request.get(server, "/ping")).bytes()).isInstanceOf(IOException.class);
        KeepAliveClient anonymous = client(new Tls(TestCa.context(null, CA.certificate()), Tls.ClientAuth.NONE));
        assertThatThrownBy(() -> anonymous.send(Request.get(server, "/ping")).bytes()).isInstanceOf(IOException.class);
    }

    @Test
    void theServerMustBeNamedInItsCertificate() throws Exception {
        // Signed by the trusted CA, but for another host.
        String elsewhere = start(tls(CA, CA.issue("elsewhere", "other.example", "10.9.9.9"), Tls.ClientAuth.NONE));
        KeepAliveClient client = client(tls(CA, NODE, Tls.ClientAuth.NONE));
        assertThatThrownBy(() -> client.send(Request.get(elsewhere, "/ping"))).isInstanceOf(SSLException.class);
        String server = start(tls(CA, NODE, Tls.ClientAuth.NONE));
        try (Response response = client.send(Request.get(server.replace("127.0.0.1", "localhost"), "/ping"))) {
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void anUpdatedContextServesNewConnections() throws Exception {
        Tls serverTls = tls(CA, NODE, Tls.ClientAuth.NONE);
        String server = start(serverTls);
        KeepAliveClient trustsOther = client(tls(OTHER, null, Tls.ClientAuth.NONE));
        assertThatThrownBy(() -> trustsOther.send(Request.get(server, "/ping"))).isInstanceOf(SSLException.class);
        serverTls.update(OTHER.context(OTHER.issue("rotated")));
        try (Response response = trustsOther.send(Request.get(server, "/ping"))) {
            assertThat(new String(response.bytes(), StandardCharsets.US_ASCII)).isEqualTo("pong");
        }
    }
}
