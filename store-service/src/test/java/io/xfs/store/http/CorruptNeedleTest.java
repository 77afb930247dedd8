package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.json.Json;
import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5 at the HTTP edge: a needle whose bytes changed on disk is never served as a complete 200. A small
 * one is checked before the first byte (500 CORRUPT_DATA); a large one is streamed and the connection is cut
 * short of its Content-Length.
 */
class CorruptNeedleTest {
    private static final int LARGE_FLIP = (1 << 20) - 10;

    @TempDir
    Path dataDir;

    @Test
    void corruptNeedlesAreRefusedOrCutShortNeverServedWhole() throws Exception {
        StoreClient client = StoreClient.create(null);
        try (RunningStore store = RunningStore.start(dataDir, Map.of())) {
            client.addVolume(store.adminAddress(), 1);
            byte[] small = random(1024, 1);
            byte[] large = random(1 << 20, 2);
            client.upload(store.address(), 1, 1, 7, small);
            client.upload(store.address(), 1, 2, 7, large);

            Path volume = dataDir.resolve("volumes").resolve("0000000001.dat");
            flipByteInside(volume, small, 500);
            flipByteInside(volume, large, LARGE_FLIP);

            HttpResponse<byte[]> refused = store.send(HttpRequest.newBuilder(store.uri("/get?vid=1&key=1&cookie=7")));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(Json.read(refused.body(), ErrorBody.class).code()).isEqualTo(ErrorCode.CORRUPT_DATA.code());

            HttpResponse<InputStream> streamed = RunningStore.HTTP.send(
                    HttpRequest.newBuilder(store.uri("/get?vid=1&key=2&cookie=7")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(streamed.statusCode()).isEqualTo(200);
            assertThat(streamed.headers().firstValueAsLong("Content-Length")).hasValue(large.length);
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            assertThatThrownBy(() -> {
                try (InputStream in = streamed.body()) {
                    byte[] chunk = new byte[8192];
                    for (int n; (n = in.read(chunk)) >= 0; ) {
                        received.write(chunk, 0, n);
                    }
                }
                // a body that ends early without an error is just as refused as an exception
                throw new IOException("body ended after " + received.size() + " bytes");
            }).isInstanceOf(IOException.class);
            // short of the needle, and nothing but the bytes on disk (no error page appended)
            byte[] got = received.toByteArray();
            assertThat(got.length).isLessThan(large.length);
            byte[] onDisk = large.clone();
            onDisk[LARGE_FLIP] = (byte) ~onDisk[LARGE_FLIP];
            assertThat(got).isEqualTo(java.util.Arrays.copyOf(onDisk, got.length));

            // a range that avoids the damaged bytes of a small needle is still refused: the CRC covers it all
            assertThat(store.send(HttpRequest.newBuilder(store.uri("/get?vid=1&key=1&cookie=7"))
                    .header("Range", "bytes=0-9")).statusCode()).isEqualTo(500);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Finds {@code data} in the volume file and inverts its byte at {@code index}. */
    private static void flipByteInside(Path file, byte[] data, int index) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int at = indexOf(all, data);
        assertThat(at).as("needle bytes found in the volume").isNotNegative();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~data[index]}), at + index);
            channel.force(true);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < 16; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
