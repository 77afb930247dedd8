package io.xfs.store.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import io.xfs.store.volume.VolumeManager;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A needle flipped on one real store is repaired from another: appended afresh, read back whole. */
class NeedleRepairerTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedNeedleIsReplacedByTheGoodCopyOfAnotherReplica() throws Exception {
        Map<String, Object> props = Map.of("xfs.store.durability", "none");
        try (RunningStore bad = RunningStore.start(dir.resolve("a"), props);
             RunningStore good = RunningStore.start(dir.resolve("b"), props)) {
            StoreClient client = StoreClient.create(null);
            byte[] data = new byte[150_000];
            new Random(3).nextBytes(data);
            for (RunningStore store : List.of(bad, good)) {
                client.addVolume(store.adminAddress(), 1);
                client.upload(store.address(), 1, 42, 7, data);
            }
            // The needle is the first of the volume: data from 8 (super block) + 21 (header).
            flip(dir.resolve("a").resolve("volumes").resolve("0000000001.dat"), 8 + 21 + 100_000);
            assertThatThrownBy(() -> client.get(bad.address(), 1, 42, 7)).isInstanceOf(RuntimeException.class);

            NeedleRepairer alone = bad.bean(NeedleRepairer.class);
            assertThatThrownBy(() -> alone.repair(1, 42, 7)).extracting(e -> ((XfsException) e).errorCode())
                    .as("no ZooKeeper: no other replica known").isEqualTo(ErrorCode.CORRUPT_DATA);

            NeedleRepairer repairer = new NeedleRepairer(bad.bean(VolumeManager.class), vid -> List.of(good.address()),
                    client);
            assertThat(repairer.repair(1, 42, 7)).isTrue();
            assertThat(client.get(bad.address(), 1, 42, 7)).isEqualTo(data);
            assertThat(repairer.repair(1, 42, 7)).as("nothing left to repair").isFalse();

            // Read-repair: a read that finds the (new, live) copy damaged has it repaired in the background.
            bad.bean(VolumeManager.class).onCorruption(repairer);
            long live = bad.bean(VolumeManager.class).volume(1).orElseThrow().stats().size() - 150_032;
            flip(dir.resolve("a").resolve("volumes").resolve("0000000001.dat"), live + 21 + 7);
            assertThatThrownBy(() -> client.get(bad.address(), 1, 42, 7)).isInstanceOf(RuntimeException.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try {
                    return Arrays.equals(client.get(bad.address(), 1, 42, 7), data);
                } catch (RuntimeException e) {
                    return false;
                }
            });

            // The admin call answers for a sound needle, and validates its input.
            assertThat(new String(bad.send(HttpRequest.newBuilder(bad.adminUri("/admin/repair_needle?vid=1&key=42&cookie=7"))
                    .POST(HttpRequest.BodyPublishers.noBody())).body())).contains("\"repaired\":false");
            assertThat(bad.send(HttpRequest.newBuilder(bad.adminUri("/admin/repair_needle?vid=1&key=x&cookie=7"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(400);
        }
    }

    private static void flip(Path file, long position) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 1);
        }
    }
}
