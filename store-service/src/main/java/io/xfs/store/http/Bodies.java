package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reading request bodies within a size limit. A 413 is decided from {@code Content-Length} before the body
 * is read; the HTTP layer then drains a small remainder or closes the connection (docs/architecture.md).
 */
final class Bodies {

    private Bodies() {
    }

    /** Reads a body of {@code declared} bytes (-1: unknown, read to the end) that may hold at most {@code max}. */
    static byte[] read(InputStream in, long declared, long max) throws IOException {
        if (declared > max) {
            throw tooLarge(declared, max);
        }
        if (declared >= 0) {
            byte[] data = new byte[(int) declared];
            int n = in.readNBytes(data, 0, data.length);
            if (n < declared) {
                throw new XfsException(ErrorCode.BAD_BODY, "body ended after " + n + " of " + declared + " bytes");
            }
            return data;
        }
        return readUpTo(in, max);
    }

    /** Reads a stream to its end, failing with {@code PAYLOAD_TOO_LARGE} once it holds more than {@code max}. */
    static byte[] readUpTo(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[(int) Math.min(max + 1, 64 * 1024)];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size > max) {
                    throw tooLarge(-1, max);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max + 1, (long) buffer.length * 2));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        if (size > max) {
            throw tooLarge(-1, max);
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    static XfsException tooLarge(long declared, long max) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE, (declared >= 0 ? declared + " bytes are" : "the body is")
                + " over the limit of " + max + " bytes (xfs.store.max-needle-size)");
    }
}
