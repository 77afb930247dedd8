package io.xfs.directory.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void relativeNamesResolveUnderTheBackupDirectory() {
        BackupDirectory backups = new BackupDirectory(tmp.resolve("backups"));
        assertThat(backups.target("nightly-1")).isEqualTo(tmp.resolve("backups/nightly-1").toAbsolutePath());
        assertThat(backups.target("2026/12/06")).isEqualTo(tmp.resolve("backups/2026/12/06").toAbsolutePath());
        assertThat(tmp.resolve("backups/2026/12")).isDirectory();
        assertThat(backups.target("a/../b")).isEqualTo(tmp.resolve("backups/b").toAbsolutePath());
        // An absolute name inside the backup directory is that same place.
        assertThat(backups.target(tmp.resolve("backups/abs").toAbsolutePath().toString()))
                .isEqualTo(tmp.resolve("backups/abs").toAbsolutePath());
    }

    @Test
    void namesLeavingTheBackupDirectoryAreBadArguments() {
        BackupDirectory backups = new BackupDirectory(tmp.resolve("backups"));
        for (String name : new String[] {"../x", "a/../../x", "/proc/x", tmp.resolve("elsewhere").toString(), ".",
                "", " ", "bad\0name"}) {
            assertThatThrownBy(() -> backups.target(name)).as(name)
                    .isInstanceOfSatisfying(XfsException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        }
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void aSymbolicLinkPointingOutIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("backups"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        BackupDirectory backups = new BackupDirectory(root);
        assertThatThrownBy(() -> backups.target("link/x")).isInstanceOf(XfsException.class)
                .hasMessageContaining("outside the backup directory");
    }
}
