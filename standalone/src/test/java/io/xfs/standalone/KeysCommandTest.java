package io.xfs.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.directory.DirectoryApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The key CLI against a real directory, with the admin key from a standalone's admin.credentials. */
class KeysCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void createsListsRevokesKeysAndSetsPolicies() throws Exception {
        AdminCredentials admin = AdminCredentials.load(dataDir, Map.of());
        try (TestingServer zk = new TestingServer(true);
             ConfigurableApplicationContext directory = DirectoryApplication.builder().properties(Map.of(
                     "server.port", 0,
                     "xfs.zookeeper.connect", zk.getConnectString(),
                     "xfs.data-dir", dataDir.resolve("directory").toString(),
                     "xfs.auth.admin.access-key", admin.accessKeyId(),
                     "xfs.auth.admin.secret-key", admin.secretAccessKey())).run()) {
            String url = "http://127.0.0.1:" + ((WebServerApplicationContext) directory).getWebServer().getPort();
            String created = run("keys", "create", "photos:read,list", "--directory", url, "--data-dir", dataDir.toString());
            assertThat(created).contains("secret_access_key").contains("photos:read,list");
            String id = created.replaceAll(".*\"access_key_id\":\"([A-Z0-9]+)\".*\\s*", "$1");
            assertThat(run("keys", "list", "--directory", url, "--data-dir", dataDir.toString())).contains(id);
            assertThat(run("policy", "set", "photos", "public-read", "--directory", url, "--data-dir",
                    dataDir.toString())).contains("public-read");
            assertThat(run("keys", "revoke", id, "--directory", url, "--data-dir", dataDir.toString()))
                    .contains("\"revoked\":true");
            assertThat(run("keys", "list", "--directory", url, "--data-dir", dataDir.toString())).doesNotContain(id);
            String presigned = run("presign", "/xfs/photos/a b.txt", "GET", "600", "--proxy", "http://127.0.0.1:2232",
                    "--data-dir", dataDir.toString()).strip();
            assertThat(presigned).startsWith("http://127.0.0.1:2232/file?path=%2Fxfs%2Fphotos%2Fa%20b.txt&X-Amz-")
                    .contains("X-Amz-Credential=" + admin.accessKeyId()).contains("X-Amz-Expires=600")
                    .contains("X-Amz-Signature=").doesNotContain(admin.secretAccessKey());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = KeysCommand.run(new String[] {"keys", "list", "--directory", url, "--data-dir",
                    dataDir.resolve("elsewhere").toString()}, Map.of(), System.out, new PrintStream(err));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no admin key");
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeysCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
