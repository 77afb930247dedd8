package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void smallBodyStaysInMemoryAndKnowsItsHash() throws Exception {
        byte[] body = randomBytes(1000);
        try (Spool spool = Spool.read(new ByteArrayInputStream(body), dir, 4096, 10_000, SpoolTest::tooLarge)) {
            assertThat(spool.size()).isEqualTo(1000);
            assertThat(spool.sha256()).isEqualTo(sha256(body));
            assertThat(read(spool)).isEqualTo(body);
            assertThat(tempFiles()).isZero();
        }
    }

    @Test
    void largeBodyMovesToATempFileThatCloseDeletes() throws Exception {
        byte[] body = randomBytes(100_000);
        Spool spool = Spool.read(new ByteArrayInputStream(body), dir, 4096, 1_000_000, SpoolTest::tooLarge);

        assertThat(tempFiles()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            // Spooled bodies are readable by the proxy's user only.
            assertThat(files).allSatisfy(f -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
        assertThat(read(spool)).isEqualTo(body);
        assertThat(spool.sha256()).isEqualTo(sha256(body));
        spool.close();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void bodyOverTheLimitIsRefusedAndLeavesNoFile() {
        byte[] body = randomBytes(100_001);

        assertThatThrownBy(() -> Spool.read(new ByteArrayInputStream(body), dir, 4096, 100_000, SpoolTest::tooLarge))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHUNK_TOO_LARGE));
        assertThat(tempFiles()).isZero();
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        try (Spool spool = Spool.read(new ByteArrayInputStream(randomBytes(5000)), dir, 100, 5000, SpoolTest::tooLarge)) {
            assertThat(spool.size()).isEqualTo(5000);
        }
    }

    private long tempFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(Spool spool) throws IOException {
        try (InputStream in = spool.open()) {
            return in.readAllBytes();
        }
    }

    private static XfsException tooLarge() {
        return new XfsException(ErrorCode.CHUNK_TOO_LARGE, "too large");
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
