package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * Every JSON answer of the mas API, as seed 004 spells it: {@code status} true with {@code code} 200 on
 * success; on failure {@code status} false, the xfs error {@code code} and {@code msg}, with the HTTP status
 * of that code.
 */
record MasEnvelope(boolean status, int code, String msg, @Nullable Object data) {
    static final int OK = 200;

    static MasEnvelope ok(@Nullable Object data) {
        return new MasEnvelope(true, OK, "", data);
    }

    static MasEnvelope error(ErrorCode code, String message, @Nullable Object data) {
        return new MasEnvelope(false, code.code(), message, data);
    }
}
