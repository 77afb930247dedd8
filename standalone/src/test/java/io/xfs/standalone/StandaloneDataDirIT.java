package io.xfs.standalone;

import static io.xfs.standalone.ProcessHarness.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xfs.common.datadir.DataDirLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One data directory, one owner: with {@code XFS_DATA_DIR} and {@code --xfs.data-dir} set as a user of the
 * Docker image would, the standalone still gives every service its own folder, and a second store process
 * started on a store's folder refuses to start, naming the owner.
 */
class StandaloneDataDirIT {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        ProcessHarness.stopAll(processes);
    }

    @Test
    void everyServiceOwnsAFolderOfItsOwnAndASecondStoreOnOneIsRefused() throws Exception {
        Path root = dir.resolve("xfs");
        int zk = ProcessHarness.freePort();
        Path jar = ProcessHarness.ROOT.resolve("standalone/target/xfs-standalone.jar");
        ProcessBuilder builder = new ProcessBuilder(ProcessHarness.java(), "-Xmx768m",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--stores=2",
                "--zookeeper-port=" + zk, "--directory-port=" + ProcessHarness.freePort(),
                "--store-port=" + ProcessHarness.freePortSpacedBy10(2), "--proxy-port=" + ProcessHarness.freePort(),
                "--sts-port=" + ProcessHarness.freePort(), "--xfs.data-dir=" + root)
                .redirectErrorStream(true);
        builder.environment().put("XFS_DATA_DIR", root.toString());
        Process standalone = builder.start();
        processes.add(standalone);
        Path log = dir.resolve("standalone.log");
        BlockingQueue<String> lines = ProcessHarness.pump(standalone, log);
        String ready = awaitLine(lines, "xfs standalone ready", Duration.ofSeconds(180), log);
        assertThat(ready).contains("data in " + root + " ");

        List<Path> store0 = dataFiles(root.resolve("store-0/volumes"));
        List<Path> store1 = dataFiles(root.resolve("store-1/volumes"));
        assertThat(store0).isNotEmpty();
        assertThat(store1).isNotEmpty();
        assertThat(Files.exists(root.resolve("volumes"))).isFalse();
        assertThat(Files.readString(root.resolve("store-0/store.id")).strip()).isEqualTo("store-0");
        assertThat(Files.readString(root.resolve("store-1/store.id")).strip()).isEqualTo("store-1");
        for (String service : List.of("", "directory", "store-0", "store-1", "proxy", "sts")) {
            assertThat(root.resolve(service).resolve(DataDirLock.FILE_NAME)).exists();
        }
        assertThat(root.resolve("directory/metadata")).isDirectory();

        // A second store process on store-0's folder: refused before it touches a volume.
        Process intruder = new ProcessBuilder(ProcessHarness.java(), "--enable-native-access=ALL-UNNAMED",
                "-Dloader.main=io.xfs.store.StoreApplication", "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--xfs.data-dir=" + root.resolve("store-0"), "--server.port=0", "--xfs.management.port=0",
                "--xfs.zookeeper.connect=127.0.0.1:" + zk)
                .redirectErrorStream(true).start();
        processes.add(intruder);
        Path intruderLog = dir.resolve("intruder.log");
        ProcessHarness.pump(intruder, intruderLog);
        assertThat(intruder.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(intruder.exitValue()).isNotZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(intruderLog))
                .contains("is in use by another process (pid " + standalone.pid() + ", store)"));
        assertThat(standalone.isAlive()).isTrue();
    }

    private static List<Path> dataFiles(Path volumes) throws Exception {
        try (Stream<Path> files = Files.list(volumes)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dat")).toList();
        }
    }
}
