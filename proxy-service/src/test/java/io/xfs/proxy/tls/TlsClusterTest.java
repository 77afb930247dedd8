package io.xfs.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.store.StoreClient;
import io.xfs.common.tls.TestCa;
import io.xfs.common.tls.Tls;
import io.xfs.proxy.ProxyCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A whole cluster over TLS with a CA made for the test (docs/operations.md, "TLS"): directory, four stores
 * (their Netty API ports and Tomcat management ports) and the proxy serve HTTPS only, every call between them
 * is TLS, and the internal ports take only clients with a certificate from the cluster's CA. Checks a signed
 * write and read end to end over https, and that plain HTTP, a client that does not trust the CA, and an
 * internal call with a certificate from another CA are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsClusterTest {
    private ProxyCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = new ProxyCluster(Map.of(
                "xfs.auth.enabled", true,
                "xfs.auth.admin.access-key", ProxyCluster.ADMIN_ID,
                "xfs.auth.admin.secret-key", ProxyCluster.ADMIN_SECRET), true);
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<byte[]> send(HttpClient client, String method, URI base, String query, byte[] body,
                                      String payloadHash) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/file?" + query))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/octet-stream");
        new SigV4Signer(ProxyCluster.ADMIN_ID, ProxyCluster.ADMIN_SECRET, "us-east-1")
                .sign(method, "/file", query, Map.of("host", base.getRawAuthority()), payloadHash, Instant.now())
                .forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("host")) {
                        request.header(name, value);
                    }
                });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A public client of the proxy: it trusts the cluster's CA and shows no certificate of its own. */
    private HttpClient publicClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestCa.context(null, cluster.certs().ca().certificate())).build();
    }

    @Test
    void aSignedWriteAndReadThroughTheProxyWorkOverHttps() throws Exception {
        URI proxy = cluster.proxyUri();
        assertThat(proxy.getScheme()).isEqualTo("https");
        // Larger than a chunk: the proxy writes three needles to both replicas of a group, over TLS.
        byte[] data = new byte[ProxyCluster.CHUNK_SIZE * 2 + 12_345];
        new SecureRandom().nextBytes(data);
        HttpClient client = publicClient();
        HttpResponse<byte[]> write = send(client, "PUT", proxy, "path=/xfs/tls/a.bin", data, SigV4.UNSIGNED_PAYLOAD);
        assertThat(write.statusCode()).as(new String(write.body())).isEqualTo(200);
        HttpResponse<byte[]> read = send(client, "GET", proxy, "path=/xfs/tls/a.bin", new byte[0], SigV4.EMPTY_SHA256);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(data);
        // Every store's address as the directory hands it out is called over TLS: their ports speak nothing else.
        for (JsonNode store : cluster.topology().path("stores")) {
            assertThat(store.path("api").asString()).doesNotStartWith("http://");
        }
    }

    @Test
    void plainHttpToTlsPortsFails() {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (URI tlsPort : new URI[] {cluster.proxyUri(), cluster.directoryUri(),
                URI.create("https://" + cluster.stores().getFirst().address())}) {
            URI asHttp = URI.create("http://" + tlsPort.getRawAuthority() + "/ping");
            try {
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(asHttp).build(),
                        HttpResponse.BodyHandlers.ofString());
                // Tomcat answers plain HTTP on a TLS port with a 400 that serves nothing.
                assertThat(answer.statusCode()).as(asHttp.toString()).isEqualTo(400);
            } catch (IOException | InterruptedException e) {
                // The Netty port closes the connection: refused as well.
                assertThat(tlsPort.getRawAuthority()).isEqualTo(cluster.stores().getFirst().address());
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheClusterCaIsRefused() throws Exception {
        // The JDK's default trust (public CAs) does not know the cluster's CA.
        HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(SSLContext.getDefault()).connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> send(untrusting, "GET", cluster.proxyUri(), "path=/xfs/tls/a.bin", new byte[0],
                SigV4.EMPTY_SHA256)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anInternalCallWithACertificateFromAnotherCaIsRefused() throws Exception {
        String store = cluster.stores().getFirst().address();
        InternalSigner operator = ProxyCluster.signer(InternalRole.OPERATOR);
        // Control: a certificate from the cluster's CA and a valid signature get the store's answer.
        Tls member = new Tls(cluster.certs().clientContext("member"), Tls.ClientAuth.NONE);
        assertThat(StoreClient.create(operator, member).info(store).id()).isEqualTo("s1");

        // The same call, validly signed and trusting the cluster's CA, but with a certificate from another CA.
        TestCa other = TestCa.create("another CA");
        Tls intruder = new Tls(TestCa.context(other.issue("intruder"), cluster.certs().ca().certificate()),
                Tls.ClientAuth.NONE);
        assertThatThrownBy(() -> StoreClient.create(operator, intruder).info(store)).hasRootCauseInstanceOf(
                IOException.class);
        HttpClient intruderHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(intruder.context()).connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> intruderHttp.send(HttpRequest.newBuilder(cluster.directoryUri().resolve("/topology"))
                .header(InternalSigner.HEADER, operator.sign("GET", "/topology")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
