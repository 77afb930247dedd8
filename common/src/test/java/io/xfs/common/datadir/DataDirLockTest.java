package io.xfs.common.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessCannotLockAHeldDirectoryAndLearnsTheHoldersPid() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> DataDirLock.acquire(dir, "store"))
                    .isInstanceOf(DataDirLock.DataDirLockedException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("pid " + holder.pid() + ", store-holder");
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The holder is gone: the lock went with it.
        try (DataDirLock lock = DataDirLock.acquire(dir, "store")) {
            assertThat(lock.isHeld()).isTrue();
        }
    }

    @Test
    void twoServicesOfOneProcessCannotShareADirectoryAndCloseReleases() throws Exception {
        DataDirLock first = DataDirLock.acquire(dir.resolve("store"), "store");
        assertThatThrownBy(() -> DataDirLock.acquire(dir.resolve("store"), "proxy"))
                .isInstanceOf(DataDirLock.DataDirLockedException.class)
                .hasMessageContaining("pid " + ProcessHandle.current().pid() + ", store");
        first.close();
        assertThat(first.isHeld()).isFalse();
        try (DataDirLock again = DataDirLock.acquire(dir.resolve("store"), "proxy")) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    /** Holds the lock on args[0] until its stdin closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]), "store-holder")) {
                System.out.println("locked");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
