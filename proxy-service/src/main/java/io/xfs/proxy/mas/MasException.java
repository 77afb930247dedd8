package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.jspecify.annotations.Nullable;

/** An {@link XfsException} that carries details for the envelope's {@code data} (for example missing chunks). */
final class MasException extends XfsException {
    private final transient @Nullable Object data;

    MasException(ErrorCode errorCode, String message, @Nullable Object data) {
        super(errorCode, message);
        this.data = data;
    }

    @Nullable Object data() {
        return data;
    }
}
