package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reading request bodies within a size limit, and refusing them: a 413 is decided from
 * {@code Content-Length} before the body is read, and the unread body is then drained (so a client that
 * sends it whole still gets the answer) or, when large, the connection closed.
 */
final class Bodies {
    /** Up to this many unread bytes are drained after a refusal; beyond it the connection is closed. */
    static final long DRAIN_LIMIT = 8L << 20;

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

    /**
     * Answers an error to a request whose body may be partly unread. A client that waits for
     * {@code 100 Continue} never sent the body, so the answer is enough; otherwise a small remainder is
     * drained so that the client, still sending, reads the answer rather than a reset; a large one closes
     * the connection.
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, XfsException e) throws IOException {
        if (response.isCommitted()) {
            throw new IOException("cannot answer " + e.getMessage() + ": response already committed", e);
        }
        boolean expectsContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        long declared = request.getContentLengthLong();
        boolean drain = !expectsContinue && declared >= 0 && declared <= DRAIN_LIMIT;
        HttpErrors.send(response, e);
        if (!drain) {
            if (!expectsContinue) {
                response.setHeader("Connection", "close");
            }
            return;
        }
        response.flushBuffer();
        try {
            request.getInputStream().skip(DRAIN_LIMIT);
        } catch (IOException ignored) {
            // the client stopped sending: nothing left to drain
        }
    }
}
