package io.xfs.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreIdentityTest {
    @TempDir
    Path dataDir;

    @Test
    void aGeneratedIdIsSavedAndReusedOnTheNextStart() throws Exception {
        StoreIdentity first = StoreIdentity.resolve(null, "r1", dataDir);
        assertThat(first.id()).matches("store-[0-9a-f]{10}");
        assertThat(Files.readString(dataDir.resolve(StoreIdentity.ID_FILE)).strip()).isEqualTo(first.id());
        assertThat(StoreIdentity.resolve(null, "r1", dataDir)).isEqualTo(first);
    }

    @Test
    void aConfiguredIdIsSavedForLaterStarts() {
        assertThat(StoreIdentity.resolve("store-a", "r2", dataDir).id()).isEqualTo("store-a");
        assertThat(StoreIdentity.resolve(" ", "r2", dataDir).id()).isEqualTo("store-a");
        assertThat(StoreIdentity.resolve("store-a", "r2", dataDir).id()).isEqualTo("store-a");
    }

    @Test
    void aDataDirectoryOfAnotherStoreIsRefused() {
        StoreIdentity.resolve("store-a", "r1", dataDir);
        assertThatThrownBy(() -> StoreIdentity.resolve("store-b", "r1", dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to store store-a");
        assertThat(StoreIdentity.resolve(null, "r1", dataDir).id()).isEqualTo("store-a");
    }

    @Test
    void namesThatCannotBeZooKeeperNodesAreRefused() {
        assertThatThrownBy(() -> StoreIdentity.resolve("a/b", "r1", dataDir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoreIdentity("ok", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
