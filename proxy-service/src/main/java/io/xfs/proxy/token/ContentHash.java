package io.xfs.proxy.token;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The content hash tokens are bound to: SHA-256 as 64 hex digits, kept in lower case. */
public final class ContentHash {
    public static final int HEX_LENGTH = 64;

    private ContentHash() {
    }

    /** Returns {@code raw} in lower case, or throws {@link ErrorCode#BAD_ARGUMENT} if it is no SHA-256 hex. */
    public static String parse(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "hash is missing (SHA-256, 64 hex digits)");
        }
        if (!isValid(raw)) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "hash must be a SHA-256 in 64 hex digits: '"
                    + (raw.length() > 80 ? raw.substring(0, 80) + "..." : raw) + "'");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String raw) {
        if (raw.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (!HexFormat.isHexDigit(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
