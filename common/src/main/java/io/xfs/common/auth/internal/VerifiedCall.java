package io.xfs.common.auth.internal;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An internal call whose header checked out: who made it, and the body it promised. A server that reads a
 * signed body passes it through {@link #checking} (or {@link #checkBody}) so that a body changed on the way
 * is refused; an {@link BodyHash#UNSIGNED} body was bound by its length, checked already. Immutable.
 */
public record VerifiedCall(InternalRole role, String caller, long bodyLength, String bodyHash) {

    public boolean bodySigned() {
        return !BodyHash.UNSIGNED.equals(bodyHash);
    }

    /** @throws XfsException {@link ErrorCode#UNAUTHORIZED} unless {@code body} is the signed one */
    public void checkBody(byte[] body) {
        if (bodySigned() && (body.length != bodyLength || !BodyHash.of(body).equals(bodyHash))) {
            throw changedBody();
        }
    }

    /**
     * {@code body}, checked as it is read: at its end (or past the signed length) it throws
     * {@link ErrorCode#UNAUTHORIZED} unless it was the signed body.
     */
    public InputStream checking(InputStream body) {
        if (!bodySigned()) {
            return body;
        }
        return new Checking(body);
    }

    private XfsException changedBody() {
        return new XfsException(ErrorCode.UNAUTHORIZED, "the body is not the one the X-Xfs-Auth signature covers");
    }

    private final class Checking extends FilterInputStream {
        private final MessageDigest digest = BodyHash.sha256();
        private long read;
        private boolean checked;

        Checking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                check();
                return -1;
            }
            read += n;
            if (read > bodyLength) {
                throw changedBody();
            }
            digest.update(b, off, n);
            if (read == bodyLength) {
                // Readers that stop at Content-Length never see the end: check on the last signed byte.
                check();
            }
            return n;
        }

        private void check() {
            if (!checked) {
                checked = true;
                if (read != bodyLength || !AuthHeader.hex(digest.digest()).equals(bodyHash)) {
                    throw changedBody();
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must be hashed too.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int got = read(buffer, 0, buffer.length);
            return Math.max(got, 0);
        }
    }
}
