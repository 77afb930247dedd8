package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;

/** The store's one answer for everything absent. */
final class HttpErrors {
    /**
     * The one answer for an unknown volume, an unknown key, a deleted needle and a wrong cookie on reads and
     * deletes: identical bodies, so that nobody can probe which of them it was (a cookie guards a needle).
     */
    static final XfsException NOT_FOUND = new XfsException(ErrorCode.NEEDLE_NOT_FOUND, "needle not found") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private HttpErrors() {
    }

    /** True for the codes that a read or delete must answer with {@link #NOT_FOUND}. */
    static boolean isAbsent(XfsException e) {
        return e.errorCode().httpStatus() == 404;
    }
}
