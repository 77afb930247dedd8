package io.xfs.common.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cluster secret all services share ({@code xfs.cluster-secret}, or the first line of
 * {@code xfs.cluster-secret-file}), and during a rotation the one before it
 * ({@code xfs.cluster-secret-previous}): signatures are made with the current one and accepted under
 * either (docs/operations.md, "Internal calls"). At least {@value #MIN_LENGTH} characters. Immutable.
 */
public final class ClusterSecret {
    public static final int MIN_LENGTH = 16;

    private final byte[] current;
    private final byte @Nullable [] previous;

    private ClusterSecret(String current, @Nullable String previous) {
        this.current = checked(current, "xfs.cluster-secret").getBytes(StandardCharsets.UTF_8);
        this.previous = previous == null || previous.isBlank() ? null
                : checked(previous, "xfs.cluster-secret-previous").getBytes(StandardCharsets.UTF_8);
    }

    public static ClusterSecret of(String current) {
        return new ClusterSecret(current, null);
    }

    public static ClusterSecret of(String current, @Nullable String previous) {
        return new ClusterSecret(current, previous);
    }

    /**
     * The secret as configured: {@code secret} if set, else the first line of {@code file} if set, else
     * empty (the service then runs without internal authentication, docs/operations.md).
     *
     * @throws IllegalArgumentException when both are set, the file is unreadable or a secret is too short
     */
    public static Optional<ClusterSecret> configured(@Nullable String secret, @Nullable String file,
                                                     @Nullable String previous) {
        boolean hasSecret = secret != null && !secret.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasSecret && hasFile) {
            throw new IllegalArgumentException("set xfs.cluster-secret or xfs.cluster-secret-file, not both");
        }
        if (hasSecret) {
            return Optional.of(new ClusterSecret(secret, previous));
        }
        if (hasFile) {
            return Optional.of(new ClusterSecret(read(Path.of(file)), previous));
        }
        return Optional.empty();
    }

    /**
     * The current secret's text as configured ({@code secret}, else the first line of {@code file}), or null
     * when none is: ZooKeeper's digest credential is derived from it (docs/operations.md, "ZooKeeper").
     */
    public static @Nullable String text(@Nullable String secret, @Nullable String file) {
        if (secret != null && !secret.isBlank()) {
            return secret;
        }
        return file == null || file.isBlank() ? null : read(Path.of(file));
    }

    /** The first line of {@code file}, trimmed. */
    public static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster secret file " + file, e);
        }
    }

    byte[] current() {
        return current;
    }

    byte @Nullable [] previous() {
        return previous;
    }

    private static String checked(String secret, String property) {
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(property + " must be at least " + MIN_LENGTH + " characters");
        }
        return secret.strip();
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + (previous == null ? "one" : "two, rotating") + "]";
    }
}
