package io.xfs.directory.config;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A RabbitMQ password from an environment variable, else from a file: never from a property, which could
 * sit on a command line (docs/operations.md, "File events").
 */
final class BrokerPassword {
    private BrokerPassword() {
    }

    /**
     * @param prefix  the properties' prefix, e.g. {@code xfs.events} (for the messages)
     * @param envName the environment variable that {@code fromEnv} was read from
     */
    static String read(String prefix, String envName, @Nullable String fromEnv, @Nullable Path file) {
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (file == null) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, prefix + " needs a password: set " + envName + " or "
                    + prefix + ".password-file");
        }
        try {
            // One line; a trailing newline (as echo writes it) is not part of the password.
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "cannot read " + prefix + ".password-file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
