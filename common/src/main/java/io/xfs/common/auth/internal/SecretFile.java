package io.xfs.common.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated cluster secret kept in a file (the standalone's {@code <data-dir>/cluster.secret}): 32 random
 * bytes, base64url, one line, mode 0600. Created once; later starts read it, so the services of one data
 * directory keep agreeing across restarts.
 */
public final class SecretFile {
    public static final String NAME = "cluster.secret";

    private SecretFile() {
    }

    /** The file's secret, after creating the file with a new secret if it does not exist. */
    public static String ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            return ClusterSecret.read(file);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        // Created 0600 before the secret is written, then renamed into place: never readable by others.
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }
}
