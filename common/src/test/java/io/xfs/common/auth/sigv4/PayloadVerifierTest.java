package io.xfs.common.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadVerifierTest {
    private static final byte[] BODY = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);
    private static final String BODY_SHA256 = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

    @Test
    void passesTheSignedBodyThrough() throws IOException {
        try (InputStream in = new PayloadVerifier(new ByteArrayInputStream(BODY), BODY_SHA256)) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void failsTheReadThatReachesTheEndOfAnotherBody() throws IOException {
        byte[] other = BODY.clone();
        other[0] = 'w';
        InputStream in = new PayloadVerifier(new ByteArrayInputStream(other), BODY_SHA256);
        byte[] buf = new byte[BODY.length];
        assertThat(in.readNBytes(buf, 0, buf.length)).isEqualTo(BODY.length);
        assertThatThrownBy(in::read).isInstanceOf(XfsException.class)
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.HASH_MISMATCH));
        // and keeps failing: a caller cannot mistake a later -1 for the end of a good body
        assertThatThrownBy(in::read).isInstanceOf(XfsException.class);
    }
}
