package io.xfs.common.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void createsDirectoriesOwnerOnlyAndTightensAnExistingOne() throws Exception {
        Path dir = PrivateFiles.createDirectories(tmp.resolve("a/b/c"));
        for (Path p : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), dir}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                    .isEqualTo("rwx------");
        }
        Path old = Files.createDirectory(tmp.resolve("old"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        PrivateFiles.createDirectories(old);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rwx------");
    }

    @Test
    void filesAreOwnerReadWriteOnly() throws Exception {
        Path file = tmp.resolve("f.vol");
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PrivateFiles.fileAttributes())) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Path other = Files.writeString(tmp.resolve("other"), "x");
        PrivateFiles.restrict(other);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rw-------");
    }
}
