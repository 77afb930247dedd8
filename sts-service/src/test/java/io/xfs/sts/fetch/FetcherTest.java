package io.xfs.sts.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redirect loop, the pinned HTTP/1.1 client and TLS hostname checks, against real loopback servers. */
class FetcherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private TestOrigin origin;
    private TestOrigin other;

    @BeforeEach
    void start() throws IOException {
        origin = TestOrigin.start();
        other = TestOrigin.start();
    }

    @AfterEach
    void stop() {
        origin.close();
        other.close();
    }

    @Test
    void contentLengthAndChunkedBodiesArriveWhole() throws IOException {
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        origin.serve("/plain", body, Duration.ZERO).serveChunked("/chunked", body);
        Fetcher fetcher = fetcher(AddressGuard.withSystemResolver(List.of(), true));
        try (OriginResponse plain = fetcher.open(URI.create(origin.url("/plain")))) {
            assertThat(plain.contentLength()).isEqualTo(body.length);
            assertThat(plain.body().readAllBytes()).isEqualTo(body);
        }
        try (OriginResponse chunked = fetcher.open(URI.create(origin.url("/chunked")))) {
            assertThat(chunked.contentLength()).isEqualTo(-1);
            assertThat(chunked.body().readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void upToThreeRedirectsAreFollowedAndAFourthFails() throws IOException {
        origin.serve("/end", "done".getBytes(), Duration.ZERO)
                .redirect("/r1", "/end")
                .redirect("/r2", "/r1")
                .redirect("/r3", origin.url("/r2"))
                .redirect("/r4", "/r3");
        Fetcher fetcher = fetcher(AddressGuard.withSystemResolver(List.of(), true));
        try (OriginResponse response = fetcher.open(URI.create(origin.url("/r3")))) {
            assertThat(response.body().readAllBytes()).isEqualTo("done".getBytes());
        }
        assertThatThrownBy(() -> fetcher.open(URI.create(origin.url("/r4"))))
                .isInstanceOfSatisfying(XfsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FETCH_FAILED);
                    assertThat(e.getMessage()).contains("redirects");
                });
    }

    @Test
    void aRedirectToAnotherLoopbackPortIsRefusedWhenOnlyTheOriginIsAllowed() {
        other.serve("/secret", "secret".getBytes(), Duration.ZERO);
        origin.redirect("/go", other.url("/secret"));
        Fetcher fetcher = fetcher(AddressGuard.withSystemResolver(List.of("127.0.0.1:" + origin.port()), false));
        assertThatThrownBy(() -> fetcher.open(URI.create(origin.url("/go"))))
                .isInstanceOfSatisfying(XfsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FETCH_FAILED);
                    assertThat(e.getMessage()).contains("refused").contains(":" + other.port());
                });
        assertThat(origin.hits("/go")).isEqualTo(1);
        assertThat(other.hits("/secret")).isZero();
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        origin.redirect("/file", "file:///etc/passwd");
        Fetcher fetcher = fetcher(AddressGuard.withSystemResolver(List.of(), true));
        assertThatThrownBy(() -> fetcher.open(URI.create(origin.url("/file"))))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FETCH_FAILED));
    }

    @Test
    void theClientConnectsToTheCheckedAddressNotWhatTheHostResolvesToLater() throws IOException {
        origin.serve("/pinned", "pinned".getBytes(), Duration.ZERO);
        // The host name resolves nowhere real; the guard's (only) answer is the address used.
        AddressGuard guard = new AddressGuard(List.of(), true,
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        try (OriginResponse response = fetcher(guard).open(
                URI.create("http://origin.invalid:" + origin.port() + "/pinned"))) {
            assertThat(response.body().readAllBytes()).isEqualTo("pinned".getBytes());
        }
    }

    @Test
    void anOriginThatClosesEarlyFailsTheRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[1024]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-ten!!".getBytes());
                } catch (IOException ignored) {
                    // the test reports
                }
            });
            OriginClient client = new OriginClient(TIMEOUT, TIMEOUT, (SSLSocketFactory) SSLSocketFactory.getDefault());
            try (OriginResponse response = client.get(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"),
                    InetAddress.getLoopbackAddress())) {
                InputStream body = response.body();
                assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class)
                        .hasMessageContaining("90 bytes still to send");
            }
        }
    }

    @Test
    void httpsVerifiesTheCertificateAgainstTheUriHost(@TempDir Path dir) throws Exception {
        KeyStore good = keyStore(dir.resolve("good.p12"), "dns:localhost,ip:127.0.0.1");
        KeyStore wrong = keyStore(dir.resolve("wrong.p12"), "dns:other.example");
        AddressGuard guard = AddressGuard.withSystemResolver(List.of(), true);
        HttpsServer server = httpsServer(good);
        try {
            OriginClient client = new OriginClient(TIMEOUT, TIMEOUT, trusting(good, wrong));
            try (OriginResponse response = new Fetcher(guard, client).open(
                    URI.create("https://localhost:" + server.getAddress().getPort() + "/tls"))) {
                assertThat(response.body().readAllBytes()).isEqualTo("over tls".getBytes());
            }
        } finally {
            server.stop(0);
        }
        HttpsServer impostor = httpsServer(wrong);
        try {
            OriginClient client = new OriginClient(TIMEOUT, TIMEOUT, trusting(good, wrong));
            assertThatThrownBy(() -> new Fetcher(guard, client).open(
                    URI.create("https://localhost:" + impostor.getAddress().getPort() + "/tls")))
                    .isInstanceOfSatisfying(XfsException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.FETCH_FAILED);
                        assertThat(e.getMessage()).containsIgnoringCase("localhost");
                    });
        } finally {
            impostor.stop(0);
        }
    }

    private static Fetcher fetcher(AddressGuard guard) {
        return new Fetcher(guard, new OriginClient(TIMEOUT, TIMEOUT, (SSLSocketFactory) SSLSocketFactory.getDefault()));
    }

    private static KeyStore keyStore(Path file, String subjectAltNames) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "origin", "-keyalg", "EC", "-dname", "CN=origin", "-validity", "2",
                "-ext", "SAN=" + subjectAltNames, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static HttpsServer httpsServer(KeyStore keys) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/tls", exchange -> {
            byte[] body = "over tls".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Trusts both self-signed certificates, so that only the hostname check can fail. */
    private static SSLSocketFactory trusting(KeyStore... stores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (KeyStore store : stores) {
            trust.setCertificateEntry("cert" + i++, store.getCertificate("origin"));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
