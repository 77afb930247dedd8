package io.xfs.standalone;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.sigv4.CredentialsFile;
import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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
            CredentialsFile stored = CredentialsFile.read(file);
            return new AdminCredentials(stored.accessKeyId(), stored.secretAccessKey(), file, false);
        }
        AdminCredentials fresh = new AdminCredentials(AccessKey.newId(), AccessKey.newSecret(), file, true);
        PrivateFiles.createDirectories(dataDir);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        // Created 0600 before the secret is written, then renamed into place: never readable by others.
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, new CredentialsFile(fresh.accessKeyId, fresh.secretAccessKey).format(),
                StandardCharsets.UTF_8);
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

    /**
     * Printed at every start: where the admin key is and a ready-to-paste signed request that reads the key
     * from there, so that the secret itself is shown only once, when the file was just created.
     */
    void printAccess(PrintStream out, String proxyUrl) {
        if (created) {
            out.println("admin key created in " + file + " (keep it secret; shown this once):");
            out.println("  access_key_id=" + accessKeyId);
            out.println("  secret_access_key=" + secretAccessKey);
        }
        out.println("admin key " + accessKeyId + (file == null ? " from the environment" : " in " + file)
                + "; a signed request:");
        out.println("  curl --aws-sigv4 \"aws:amz:us-east-1:s3\" --user \"" + curlUser() + "\" \"" + proxyUrl
                + "/fileinfo?path=/xfs/\"");
    }

    /** curl's {@code --user KEY:SECRET}, read by the shell from where the key is kept. */
    String curlUser() {
        return file == null ? "$XFS_AUTH_ADMIN_ACCESS_KEY:$XFS_AUTH_ADMIN_SECRET_KEY"
                : "$(sed -n 's/^[a-z_]*=//p' '" + file + "' | paste -sd: -)";
    }

    @Override
    public String toString() {
        return "AdminCredentials[" + accessKeyId + ", " + file + "]";
    }
}
