package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {

    @Test
    void splitsIntoChunksAndHashesTheWholeBody() throws Exception {
        byte[] data = random(2500);
        // Trickle the body a few bytes at a time, as a slow client would.
        ChunkedBody body = new ChunkedBody(trickle(data), 1000, 10_000, -1);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int chunks = 0;
        for (ChunkedBody.Chunk chunk = body.next(); chunk != null; chunk = body.next()) {
            assertThat(chunk.length()).isLessThanOrEqualTo(1000);
            joined.write(chunk.data(), 0, chunk.length());
            chunks++;
        }
        assertThat(chunks).isEqualTo(3);
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(body.total()).isEqualTo(2500);
        ContentHasher.Digests digests = body.finish();
        assertThat(digests.sha1()).isEqualTo(hex("SHA-1", data));
        assertThat(digests.sha256()).isEqualTo(hex("SHA-256", data));
    }

    @Test
    void bodyOfExactlyOneChunkHasNoMore() {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(random(1000)), 1000, 10_000, -1);
        assertThat(body.next().length()).isEqualTo(1000);
        assertThat(body.hasMore()).isFalse();
        assertThat(body.next()).isNull();
    }

    @Test
    void oneByteOverAChunkMakesASecondChunk() {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(random(1001)), 1000, 10_000, 1001);
        assertThat(body.next().length()).isEqualTo(1000);
        assertThat(body.hasMore()).isTrue();
        assertThat(body.next().length()).isEqualTo(1);
        assertThat(body.next()).isNull();
    }

    @Test
    void emptyBodyIsOneEmptyChunk() {
        ChunkedBody body = new ChunkedBody(InputStream.nullInputStream(), 1000, 10_000, 0);
        assertThat(body.next().length()).isZero();
        assertThat(body.hasMore()).isFalse();
        assertThat(body.finish().sha1()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(random(3001)), 1000, 3000, -1);
        assertThatThrownBy(() -> {
            while (body.next() != null) {
                // read on
            }
        }).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void bodyShorterOrLongerThanAnnouncedIsRejected() {
        assertThatThrownBy(() -> new ChunkedBody(new ByteArrayInputStream(random(10)), 1000, 10_000, 11).next())
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.LENGTH_MISMATCH));
        assertThatThrownBy(() -> new ChunkedBody(new ByteArrayInputStream(random(12)), 1000, 10_000, 11).next())
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.LENGTH_MISMATCH));
    }

    @Test
    void failingBodyIsBadBody() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new ChunkedBody(broken, 1000, 10_000, -1).next())
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_BODY));
    }

    @Test
    void unnamedUploadsAreNamedBySha1AndTypeExtension() {
        assertThat(FileWriter.finalName("", "abc", "image/jpeg")).isEqualTo("abc.jpg");
        assertThat(FileWriter.finalName("photos/2024/", "abc", "image/png")).isEqualTo("photos/2024/abc.png");
        assertThat(FileWriter.finalName("photos/x.gif", "abc", "image/png")).isEqualTo("photos/x.gif");
    }

    private static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
