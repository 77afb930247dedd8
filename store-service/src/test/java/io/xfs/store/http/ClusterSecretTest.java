package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code xfs.cluster-secret} set, writes and admin calls need it; reads do not. */
class ClusterSecretTest {
    @TempDir
    Path dataDir;

    @Test
    void writesAndAdminNeedTheSecretReadsDoNot() throws Exception {
        try (RunningStore store = RunningStore.start(dataDir, Map.of("xfs.cluster-secret", "s3cret"))) {
            StoreClient withSecret = StoreClient.create("s3cret");
            StoreClient without = StoreClient.create(null);
            StoreClient wrong = StoreClient.create("guess");

            assertThatThrownBy(() -> without.addVolume(store.adminAddress(), 1))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThatThrownBy(() -> wrong.addVolume(store.adminAddress(), 1))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
            withSecret.addVolume(store.adminAddress(), 1);

            assertThatThrownBy(() -> without.upload(store.address(), 1, 5, 6, new byte[10]))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThatThrownBy(() -> wrong.uploadAll(store.address(), 1,
                    java.util.List.of(new io.xfs.common.store.NeedleUpload(5, 6, new byte[1]))))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
            withSecret.upload(store.address(), 1, 5, 6, "kept".getBytes());

            assertThat(without.get(store.address(), 1, 5, 6)).isEqualTo("kept".getBytes());
            assertThat(without.info(store.address()).volumes()).hasSize(1);
            without.probe(store.adminAddress());
            assertThat(store.send(HttpRequest.newBuilder(store.uri("/get?vid=1&key=5&cookie=6"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> without.delete(store.address(), 1, 5, 6))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThatThrownBy(() -> without.compact(store.adminAddress(), 1))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(withSecret.delete(store.address(), 1, 5, 6)).isTrue();
        }
    }
}
