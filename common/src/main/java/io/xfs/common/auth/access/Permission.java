package io.xfs.common.auth.access;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.Locale;

/**
 * What an access key may do in a bucket (docs/api.md, "Access keys and policies"): {@code read} a file
 * (GET/HEAD {@code /file}, a file's {@code /fileinfo}), {@code list} a directory, {@code write} (upload,
 * overwrite), {@code delete}.
 */
public enum Permission {
    READ, LIST, WRITE, DELETE;

    /** The lower-case name used in the API and the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws XfsException {@link ErrorCode#BAD_ARGUMENT} for an unknown name */
    public static Permission of(String label) {
        for (Permission p : values()) {
            if (p.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new XfsException(ErrorCode.BAD_ARGUMENT,
                "unknown permission '" + label + "' (read, list, write, delete, or * for all)");
    }
}
