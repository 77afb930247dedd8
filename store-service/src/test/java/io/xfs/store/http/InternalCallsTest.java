package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.NeedleUpload;
import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a cluster secret, every call to either port of a store but {@code /ping} and actuator health must be
 * signed (docs/api.md, "Internal calls"): reads included, by a role the route allows, once.
 */
class InternalCallsTest {
    private static final Map<String, Object> PROPS = Map.of("xfs.cluster-secret", RunningStore.SECRET,
            "xfs.store.durability", "none");

    @TempDir
    Path dataDir;

    @Test
    void everyCallButPingAndHealthIsSignedByARoleTheRouteAllows() throws Exception {
        try (RunningStore store = RunningStore.start(dataDir, PROPS)) {
            StoreClient directory = RunningStore.client(InternalRole.DIRECTORY);
            StoreClient proxy = RunningStore.client(InternalRole.PROXY);
            StoreClient unsigned = StoreClient.create(null);

            directory.addVolume(store.adminAddress(), 1);
            proxy.upload(store.address(), 1, 5, 6, "kept".getBytes(StandardCharsets.UTF_8));
            assertThat(proxy.get(store.address(), 1, 5, 6)).isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
            assertThat(proxy.uploadAll(store.address(), 1, List.of(new NeedleUpload(7, 8, new byte[3])))).isEqualTo(1);

            // reads are no longer open: the bytes of a private bucket's needle need a signature
            assertRefused(() -> unsigned.get(store.address(), 1, 5, 6), ErrorCode.UNAUTHORIZED);
            assertThat(status(store, HttpRequest.newBuilder(store.uri("/get?vid=1&key=5&cookie=6")))).isEqualTo(401);
            assertRefused(() -> unsigned.info(store.address()), ErrorCode.UNAUTHORIZED);
            assertRefused(() -> unsigned.probe(store.adminAddress()), ErrorCode.UNAUTHORIZED);
            // a proxy's credential reads and writes needles, but may not call admin calls
            assertRefused(() -> proxy.addVolume(store.adminAddress(), 2), ErrorCode.FORBIDDEN);
            assertRefused(() -> proxy.volumeState(store.adminAddress(), 1), ErrorCode.FORBIDDEN);
            // another store may read a volume to copy it, and nothing else of the admin calls
            RunningStore.client(InternalRole.STORE).volumeState(store.adminAddress(), 1);
            assertRefused(() -> RunningStore.client(InternalRole.STORE).drain(store.adminAddress(), true),
                    ErrorCode.FORBIDDEN);
            // a wrong secret is refused
            StoreClient guess = StoreClient.create(new InternalSigner(ClusterSecret.of("a-guessed-secret-0000"),
                    InternalRole.OPERATOR, "guess"));
            assertRefused(() -> guess.delete(store.address(), 1, 5, 6), ErrorCode.UNAUTHORIZED);

            assertThat(status(store, HttpRequest.newBuilder(store.uri("/ping")))).isEqualTo(200);
            assertThat(status(store, HttpRequest.newBuilder(store.adminUri("/actuator/health")))).isEqualTo(200);
            assertThat(proxy.delete(store.address(), 1, 5, 6)).isTrue();
        }
    }

    @Test
    void aCapturedRequestIsRefusedTheSecondTime() throws Exception {
        try (RunningStore store = RunningStore.start(dataDir, PROPS)) {
            RunningStore.client(InternalRole.OPERATOR).addVolume(store.adminAddress(), 1);
            RunningStore.client(InternalRole.PROXY).upload(store.address(), 1, 5, 6, new byte[]{1, 2, 3});
            String target = "/get?vid=1&key=5&cookie=6";
            String header = RunningStore.signer(InternalRole.PROXY).sign("GET", target);
            HttpRequest.Builder captured = HttpRequest.newBuilder(store.uri(target)).header(InternalSigner.HEADER, header);
            assertThat(status(store, captured)).isEqualTo(200);
            assertThat(status(store, captured)).isEqualTo(401);
            // the same signature on another needle fails as well: the query is signed
            HttpRequest.Builder moved = HttpRequest.newBuilder(store.uri("/get?vid=1&key=6&cookie=6"))
                    .header(InternalSigner.HEADER, RunningStore.signer(InternalRole.PROXY).sign("GET", target));
            assertThat(status(store, moved)).isEqualTo(401);
        }
    }

    @Test
    void aSignedBodyChangedOnTheWayIsRefused() throws Exception {
        try (RunningStore store = RunningStore.start(dataDir, PROPS)) {
            RunningStore.client(InternalRole.OPERATOR).addVolume(store.adminAddress(), 1);
            String boundary = "b";
            String body = "--b\r\nContent-Disposition: form-data; name=\"keys\"\r\n\r\n5\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"cookies\"\r\n\r\n6\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nabc\r\n--b--\r\n";
            byte[] signed = body.getBytes(StandardCharsets.US_ASCII);
            byte[] sent = body.replace("abc", "xyz").getBytes(StandardCharsets.US_ASCII);
            String header = RunningStore.signer(InternalRole.PROXY).sign("POST", "/uploads?vid=1", signed);
            int status = status(store, HttpRequest.newBuilder(store.uri("/uploads?vid=1"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header(InternalSigner.HEADER, header)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sent)));
            assertThat(status).isEqualTo(401);
            assertThat(RunningStore.client(InternalRole.PROXY).size(store.address(), 1, 5, 6)).isEmpty();
        }
    }

    private static int status(RunningStore store, HttpRequest.Builder request) throws Exception {
        return store.send(request).statusCode();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
