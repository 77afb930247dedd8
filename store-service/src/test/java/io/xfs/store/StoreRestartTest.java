package io.xfs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.StoreRegistration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store restarted on its data dir serves what it acknowledged before, keeps deletions and its id. */
class StoreRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void restartKeepsNeedlesDeletionsVolumesAndIdentity() {
        StoreClient client = StoreClient.create(null);
        byte[] first = "first needle".getBytes();
        byte[] second = new byte[100_000];
        new java.util.Random(3).nextBytes(second);
        StoreRegistration before;
        try (RunningStore store = RunningStore.start(dataDir, Map.of())) {
            client.addVolume(store.adminAddress(), 2);
            client.addVolume(store.adminAddress(), 9);
            client.upload(store.address(), 2, 1, 11, first);
            client.upload(store.address(), 9, 2, 12, second);
            client.upload(store.address(), 2, 3, 13, "doomed".getBytes());
            assertThat(client.delete(store.address(), 2, 3, 13)).isTrue();
            before = client.info(store.address());
        }
        try (RunningStore store = RunningStore.start(dataDir, Map.of())) {
            assertThat(client.get(store.address(), 2, 1, 11)).isEqualTo(first);
            assertThat(client.get(store.address(), 9, 2, 12)).isEqualTo(second);
            assertThat(client.size(store.address(), 2, 3, 13)).isEmpty();
            StoreRegistration after = client.info(store.address());
            assertThat(after.id()).isEqualTo(before.id());
            assertThat(after.volumes()).extracting(v -> v.vid()).containsExactly(2, 9);
            assertThat(after.volumes()).extracting(v -> v.needles()).containsExactly(1L, 1L);
        }
    }
}
