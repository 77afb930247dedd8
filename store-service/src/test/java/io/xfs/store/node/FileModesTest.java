package io.xfs.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's data directory is its user's only: directories 0700, volume, index and id files 0600. */
class FileModesTest {
    @TempDir
    Path tmp;

    @Test
    void dataDirectoryVolumesAndIndexesArePrivate() throws Exception {
        Path dataDir = tmp.resolve("store");
        try (RunningStore store = RunningStore.start(dataDir, Map.of())) {
            StoreClient client = StoreClient.create(null);
            client.addVolume(store.adminAddress(), 3);
            client.upload(store.address(), 3, 11, 12, "private bytes".getBytes());
        }
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".dat"))
                .anySatisfy(f -> assertThat(f.toString()).endsWith(".idx"))
                .anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo(StoreIdentity.ID_FILE));
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (Files.isDirectory(f)) {
                assertThat(mode(f)).as(f.toString()).isEqualTo("rwx------");
            } else if (name.endsWith(".dat") || name.endsWith(".idx") || name.equals(StoreIdentity.ID_FILE)) {
                assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
