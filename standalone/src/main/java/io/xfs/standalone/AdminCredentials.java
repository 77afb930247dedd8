package io.xfs.standalone;

import io.xfs.common.auth.access.AccessKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The standalone's admin key (docs/operations.md, "Access keys and the admin key"): from
 * {@code XFS_AUTH_ADMIN_ACCESS_KEY} / {@code XFS_AUTH_ADMIN_SECRET_KEY} when set, else from
 * {@code <data-dir>/admin.credentials} (mode 0600; lines {@code access_key_id=…} and
 * {@code secret_access_key=…}), created with a new key on first start and kept across restarts.
 */
record AdminCredentials(String accessKeyId, String secretAccessKey, @Nullable Path file, boolean created) {
    static final String FILE_NAME = "admin.credentials";

    /** From the environment, else the file under {@code dataDir}, creating it when absent. */
    static AdminCredentials load(Path dataDir, Map<String, String> env) throws IOException {
        String id = env.get("XFS_AUTH_ADMIN_ACCESS_KEY");
        String secret = env.get("XFS_AUTH_ADMIN_SECRET_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            return new AdminCredentials(id, secret, null, false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            String storedId = properties.getProperty("access_key_id");
            String storedSecret = properties.getProperty("secret_access_key");
            if (storedId == null || storedSecret == null) {
                throw new IOException(file + " needs lines access_key_id=… and secret_access_key=…");
            }
            return new AdminCredentials(storedId.strip(), storedSecret.strip(), file, false);
        }
        AdminCredentials fresh = new AdminCredentials(AccessKey.newId(), AccessKey.newSecret(), file, true);
        Files.createDirectories(dataDir);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        // Created 0600 before the secret is written, then renamed into place: never readable by others.
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, "access_key_id=" + fresh.accessKeyId + "\nsecret_access_key="
                + fresh.secretAccessKey + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return fresh;
    }

    /** From the environment, else the existing file under {@code dataDir} (the CLI never creates one). */
    static AdminCredentials loadExisting(Path dataDir, Map<String, String> env) throws IOException {
        boolean fromEnv = env.get("XFS_AUTH_ADMIN_ACCESS_KEY") != null && env.get("XFS_AUTH_ADMIN_SECRET_KEY") != null;
        if (!fromEnv && !Files.exists(dataDir.resolve(FILE_NAME))) {
            throw new IOException("no admin key: set XFS_AUTH_ADMIN_ACCESS_KEY and XFS_AUTH_ADMIN_SECRET_KEY, or "
                    + "give --data-dir of a standalone (its " + FILE_NAME + ")");
        }
        return load(dataDir, env);
    }

    /** Printed once, when the file was just created: where the key is and a ready-to-paste signed request. */
    void printIfCreated(PrintStream out, String proxyUrl) {
        if (!created) {
            return;
        }
        out.println("admin key created in " + file + " (keep it secret; shown this once):");
        out.println("  access_key_id=" + accessKeyId);
        out.println("  secret_access_key=" + secretAccessKey);
        out.println("  curl --aws-sigv4 \"aws:amz:us-east-1:s3\" --user \"" + accessKeyId + ":" + secretAccessKey
                + "\" \"" + proxyUrl + "/fileinfo?path=/xfs/photos/\"");
    }

    @Override
    public String toString() {
        return "AdminCredentials[" + accessKeyId + ", " + file + "]";
    }
}
