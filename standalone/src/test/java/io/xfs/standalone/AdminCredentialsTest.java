package io.xfs.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {
    @TempDir
    Path dataDir;

    @Test
    void createsThePrivateFileOnceAndKeepsItAcrossRestarts() throws Exception {
        AdminCredentials first = AdminCredentials.load(dataDir, Map.of());
        Path file = dataDir.resolve(AdminCredentials.FILE_NAME);
        assertThat(first.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("access_key_id=" + first.accessKeyId()
                + "\nsecret_access_key=" + first.secretAccessKey() + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        first.printAccess(new PrintStream(out, true, StandardCharsets.UTF_8), "http://127.0.0.1:8080");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("curl --aws-sigv4 \"aws:amz:us-east-1:s3\"")
                .contains(first.secretAccessKey());
        assertThat(first.toString()).doesNotContain(first.secretAccessKey());

        AdminCredentials again = AdminCredentials.load(dataDir, Map.of());
        assertThat(again.created()).isFalse();
        assertThat(again.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(again.secretAccessKey()).isEqualTo(first.secretAccessKey());
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        again.printAccess(new PrintStream(quiet, true, StandardCharsets.UTF_8), "http://127.0.0.1:8080");
        assertThat(quiet.toString(StandardCharsets.UTF_8))
                .contains("curl --aws-sigv4 \"aws:amz:us-east-1:s3\" --user \"" + again.curlUser() + "\"")
                .doesNotContain(again.secretAccessKey());
        // The printed --user reads KEY:SECRET from the file when a shell runs it.
        assertThat(ProcessHarness.shell("printf %s \"" + again.curlUser() + "\"")).isEqualTo(first.accessKeyId() + ":"
                + first.secretAccessKey());
    }

    @Test
    void theEnvironmentWinsAndWritesNoFile() throws Exception {
        AdminCredentials env = AdminCredentials.load(dataDir, Map.of("XFS_AUTH_ADMIN_ACCESS_KEY", "XFSENV",
                "XFS_AUTH_ADMIN_SECRET_KEY", "env-secret-0123456789"));
        assertThat(env.accessKeyId()).isEqualTo("XFSENV");
        assertThat(Files.exists(dataDir.resolve(AdminCredentials.FILE_NAME))).isFalse();
        assertThat(env.curlUser()).isEqualTo("$XFS_AUTH_ADMIN_ACCESS_KEY:$XFS_AUTH_ADMIN_SECRET_KEY");
    }
}
