package io.xfs.common.auth.sigv4;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A request body whose SHA-256 must be the one the signature covers ({@code x-amz-content-sha256}),
 * checked as it streams, without buffering: the read that reaches the end of the body fails with
 * {@link ErrorCode#HASH_MISMATCH} instead of returning -1 when the hash differs, so a consumer that reads
 * to the end before it commits (the proxy's upload does) never stores a body the signer did not send.
 * Not thread-safe, as any stream.
 */
public final class PayloadVerifier extends FilterInputStream {
    private final MessageDigest digest = SigV4.sha256();
    private final byte[] expected;
    private boolean checked;
    private boolean mismatch;

    /** @param expectedSha256Hex 64 hex digits */
    public PayloadVerifier(InputStream body, String expectedSha256Hex) {
        super(body);
        this.expected = HexFormat.of().parseHex(expectedSha256Hex);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            checkAtEnd();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            checkAtEnd();
        } else {
            digest.update(buf, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the hash: read them instead.
        return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 0), 8192)]));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkAtEnd() {
        if (!checked) {
            checked = true;
            mismatch = !MessageDigest.isEqual(digest.digest(), expected);
        }
        if (mismatch) {
            throw new XfsException(ErrorCode.HASH_MISMATCH,
                    "the body's SHA-256 is not the x-amz-content-sha256 the request was signed with");
        }
    }
}
