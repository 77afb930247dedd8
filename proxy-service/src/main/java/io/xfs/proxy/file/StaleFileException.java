package io.xfs.proxy.file;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;

/**
 * Thrown by {@link FileService#read(FileInfo, long, long, java.io.OutputStream)} when the version being read
 * is gone from every replica because the file was replaced meanwhile, and nothing was written to the output
 * yet: the caller may start over with {@link #current()} (headers included). Answered as 503 if it escapes.
 */
public final class StaleFileException extends XfsException {
    private final FileInfo current;

    StaleFileException(FileInfo stale, FileInfo current) {
        super(ErrorCode.STORE_UNAVAILABLE, "/" + stale.bucket() + "/" + stale.name()
                + " was replaced while it was being read; retry");
        this.current = current;
    }

    /** The version the directory names now. */
    public FileInfo current() {
        return current;
    }
}
