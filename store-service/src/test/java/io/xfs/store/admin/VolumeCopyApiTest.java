package io.xfs.store.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.CopyStatus;
import io.xfs.common.store.StoreClient;
import io.xfs.common.topology.VolumeState;
import io.xfs.store.RunningStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A volume copied between two real stores over their admin calls, with a cluster secret. */
class VolumeCopyApiTest {
    private static final Map<String, Object> PROPS = Map.of("xfs.cluster-secret", RunningStore.SECRET,
            "xfs.store.durability", "none");

    @TempDir
    Path dir;

    @Test
    void aStoreCopiesAVolumeFromAnotherAndServesItOnlyOnceComplete() throws Exception {
        try (RunningStore source = RunningStore.start(dir.resolve("a"), PROPS);
             RunningStore target = RunningStore.start(dir.resolve("b"), PROPS)) {
            StoreClient client = RunningStore.client(InternalRole.DIRECTORY);
            client.addVolume(source.adminAddress(), 3);
            Random random = new Random(1);
            byte[][] data = new byte[200][];
            for (int key = 1; key <= 200; key++) {
                data[key - 1] = new byte[random.nextInt(200_000)];
                random.nextBytes(data[key - 1]);
                client.upload(source.address(), 3, key, key * 7, data[key - 1]);
            }
            client.delete(source.address(), 3, 17, 17 * 7);

            CopyStatus status = client.copyVolume(target.adminAddress(), 3, source.adminAddress(), 1, Duration.ofSeconds(30));
            while (status.state().equals(CopyStatus.RUNNING)) {
                status = client.copyVolume(target.adminAddress(), 3, source.adminAddress(), 1, Duration.ofSeconds(30));
            }

            assertThat(status.agreed()).as("%s", status).isTrue();
            assertThat(status.result().needles()).isEqualTo(199);
            for (int key = 1; key <= 200; key++) {
                if (key == 17) {
                    assertThat(client.size(target.address(), 3, key, key * 7)).isEmpty();
                } else {
                    assertThat(client.get(target.address(), 3, key, key * 7)).isEqualTo(data[key - 1]);
                }
            }
            VolumeState state = client.info(target.address()).volumes().getFirst();
            assertThat(state.readable()).isTrue();

            // Again: joins nothing, copies nothing.
            CopyStatus again = client.copyVolume(target.adminAddress(), 3, source.adminAddress(), 2, Duration.ofSeconds(30));
            assertThat(again.agreed()).isTrue();
            assertThat(again.result().needles() + again.result().deletes()).isZero();
            // A task with an older fencing token than one seen is refused.
            assertThatThrownBy(() -> client.copyVolume(target.adminAddress(), 3, source.adminAddress(), 1, Duration.ZERO))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        }
    }

    @Test
    void theCopyCallsNeedTheSecretAndValidArguments() throws Exception {
        try (RunningStore store = RunningStore.start(dir.resolve("a"), PROPS)) {
            StoreClient without = StoreClient.create(null);
            StoreClient client = RunningStore.client(InternalRole.DIRECTORY);
            client.addVolume(store.adminAddress(), 1);
            assertThatThrownBy(() -> without.volumeState(store.adminAddress(), 1))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThatThrownBy(() -> client.volumeState(store.adminAddress(), 2))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.VOLUME_NOT_FOUND);
            assertThatThrownBy(() -> client.volumeNeedles(store.adminAddress(), 1, 99, 8, 100))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.CONTENT_VANISHED);
            long epoch = client.volumeState(store.adminAddress(), 1).epoch();
            assertThatThrownBy(() -> client.volumeNeedles(store.adminAddress(), 1, epoch, 3, 100))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThatThrownBy(() -> client.copyVolume(store.adminAddress(), 1, "not an address", 1, Duration.ZERO))
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        }
    }
}
