package io.xfs.common.auth.sigv4;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A key in a credentials file as the standalone writes its admin key (docs/operations.md, "Access keys and
 * the admin key"): lines {@code access_key_id=…} and {@code secret_access_key=…}. Read by the standalone,
 * the load tool ({@code -credentials}) and tests that sign their requests. {@link #toString()} hides the secret.
 */
public record CredentialsFile(String accessKeyId, String secretAccessKey) {

    /** The key in {@code file}; an {@link IOException} names the file when a line is missing. */
    public static CredentialsFile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String id = properties.getProperty("access_key_id");
        String secret = properties.getProperty("secret_access_key");
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            throw new IOException(file + " needs lines access_key_id=… and secret_access_key=…");
        }
        return new CredentialsFile(id.strip(), secret.strip());
    }

    /** The file's content, as {@link #read(Path)} reads it back. */
    public String format() {
        return "access_key_id=" + accessKeyId + "\nsecret_access_key=" + secretAccessKey + "\n";
    }

    /** A signer with this key for {@code region} ({@code us-east-1} unless the proxy says otherwise). */
    public SigV4Signer signer(String region) {
        return new SigV4Signer(accessKeyId, secretAccessKey, region);
    }

    @Override
    public String toString() {
        return "CredentialsFile[" + accessKeyId + "]";
    }
}
