package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.directory.Listing;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import io.xfs.proxy.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Spring-free facade the token API builds on, against the real cluster. */
@ExtendWith(ProxyClusterExtension.class)
class FileServiceTest {
    private static final int CHUNK = ProxyCluster.CHUNK_SIZE;

    private final FileService files;
    private final StoreClient stores = ProxyCluster.storeClient();

    FileServiceTest(ProxyCluster cluster) {
        this.files = cluster.files();
    }

    @Test
    void storeOpenReadAndDelete() throws Exception {
        byte[] data = TestData.bytes(5000, 1);
        StoredFile stored = files.store("facade", "docs/a.bin", "application/octet-stream",
                new ByteArrayInputStream(data), data.length);
        assertThat(stored).isEqualTo(new StoredFile("facade", "docs/a.bin", 5000, TestData.sha1(data),
                TestData.sha256(data), "application/octet-stream", false));
        assertThat(stored.path("xfs")).isEqualTo("/xfs/facade/docs/a.bin");

        FileInfo info = files.open("facade", "docs/a.bin");
        assertThat(info.size()).isEqualTo(5000);
        assertThat(info.sha256()).isEqualTo(TestData.sha256(data));
        assertThat(info.etag()).isEqualTo("\"" + TestData.sha1(data) + "\"");
        assertThat(files.exists("facade", "docs/a.bin")).isTrue();

        ByteArrayOutputStream part = new ByteArrayOutputStream();
        files.read(info, 100, 50, part);
        assertThat(part.toByteArray()).isEqualTo(TestData.slice(data, 100, 150));
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        files.read("facade", "docs/a.bin", 4990, -1, rest);
        assertThat(rest.toByteArray()).isEqualTo(TestData.slice(data, 4990, 5000));
        expect(ErrorCode.RANGE_NOT_SATISFIABLE, () -> files.read(info, 4990, 11, new ByteArrayOutputStream()));

        Listing listing = files.list("facade", "docs/", 10, null);
        assertThat(listing.files()).contains("a.bin");

        assertThat(files.delete("facade", "docs/a.bin")).isEqualTo(1);
        assertThat(files.exists("facade", "docs/a.bin")).isFalse();
        assertThat(files.info("facade", "docs/a.bin")).isEmpty();
        expect(ErrorCode.FILE_NOT_FOUND, () -> files.open("facade", "docs/a.bin"));
        expect(ErrorCode.FILE_NOT_FOUND, () -> files.delete("facade", "docs/a.bin"));
    }

    @Test
    void bodyOfUnknownLengthIsStoredInChunks() throws Exception {
        byte[] data = TestData.bytes(CHUNK * 3 + CHUNK / 5, 2);
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(data, 0, 1000),
                new ByteArrayInputStream(data, 1000, data.length - 1000));
        StoredFile stored = files.store("facade", "big/", "image/webp", body, -1);
        assertThat(stored.name()).isEqualTo("big/" + TestData.sha1(data) + ".webp");
        assertThat(stored.size()).isEqualTo(data.length);
        FileInfo info = files.open("facade", stored.name());
        assertThat(info.chunks()).hasSize(4);
        assertThat(info.chunks()).allSatisfy(c -> assertThat(c.stores()).hasSize(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.read(info, 0, -1, out);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void argumentsAreValidatedBeforeAnythingIsRead() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        expect(ErrorCode.INVALID_BUCKET, () -> files.store("Bad", "x", "text/plain", untouchable, 1));
        expect(ErrorCode.INVALID_PATH, () -> files.store("facade", "a/../x", "text/plain", untouchable, 1));
        expect(ErrorCode.MISSING_CONTENT_TYPE, () -> files.store("facade", "x", " ", untouchable, 1));
        expect(ErrorCode.PAYLOAD_TOO_LARGE,
                () -> files.store("facade", "x", "text/plain", untouchable, ProxyCluster.MAX_FILE_SIZE + 1));
        expect(ErrorCode.INVALID_PATH, () -> files.open("facade", "dir/"));
        expect(ErrorCode.BAD_ARGUMENT, () -> files.delete("facade", ""));
        expect(ErrorCode.LENGTH_MISMATCH, () -> files.store("facade", "short", "text/plain",
                new ByteArrayInputStream(new byte[10]), 11));
        assertThat(files.exists("facade", "short")).isFalse();
    }

    @Test
    void readFailsOverWhenOneReplicaLostTheNeedle() throws Exception {
        byte[] data = TestData.bytes(CHUNK + 500, 3);
        files.store("facade", "lost-one.bin", "application/octet-stream", new ByteArrayInputStream(data), data.length);
        FileInfo info = files.open("facade", "lost-one.bin");
        NeedleRef first = info.chunks().getFirst();
        assertThat(stores.delete(first.stores().getFirst(), first.vid(), first.key(), first.cookie())).isTrue();
        for (int i = 0; i < 6; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.read(info, 0, -1, out);
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void needleMissingOnEveryReplicaIsUnavailableAfterAskingTheDirectoryAgain() {
        byte[] data = TestData.bytes(700, 4);
        files.store("facade", "lost-all.bin", "application/octet-stream", new ByteArrayInputStream(data), data.length);
        FileInfo info = files.open("facade", "lost-all.bin");
        NeedleRef needle = info.chunks().getFirst();
        for (String store : needle.stores()) {
            stores.delete(store, needle.vid(), needle.key(), needle.cookie());
        }
        long refreshes = files.counters().snapshot().get("metadata_refreshes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        expect(ErrorCode.STORE_UNAVAILABLE, () -> files.read(info, 0, -1, out));
        assertThat(out.size()).isZero();
        assertThat(files.counters().snapshot().get("metadata_refreshes")).isEqualTo(refreshes + 1);
    }

    @Test
    void aVersionReplacedWhileCachedIsDetectedAndTheReadStartsOverWithTheCurrentOne() throws Exception {
        byte[] v1 = TestData.bytes(900, 5);
        byte[] v2 = TestData.bytes(1100, 6);
        files.store("facade", "replaced.bin", "application/octet-stream", new ByteArrayInputStream(v1), v1.length);
        FileInfo old = files.open("facade", "replaced.bin");
        files.store("facade", "replaced.bin", "application/octet-stream", new ByteArrayInputStream(v2), v2.length);
        NeedleRef gone = old.chunks().getFirst();
        for (String store : gone.stores()) {
            ProxyCluster.await("old needle reaped on " + store,
                    () -> stores.size(store, gone.vid(), gone.key(), gone.cookie()).isEmpty());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> files.read(old, 0, -1, out))
                .isInstanceOfSatisfying(StaleFileException.class,
                        e -> assertThat(e.current().sha1()).isEqualTo(TestData.sha1(v2)));
        assertThat(out.size()).isZero();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        FileInfo read = files.read("facade", "replaced.bin", 0, -1, current);
        assertThat(read.sha1()).isEqualTo(TestData.sha1(v2));
        assertThat(current.toByteArray()).isEqualTo(v2);
    }

    @Test
    void storingTheSameBytesAgainUnderAnotherNameIsDeduplicated() {
        byte[] data = TestData.bytes(2048, 7);
        assertThat(files.store("facade", "dup-1", "text/plain", new ByteArrayInputStream(data), -1).deduplicated())
                .isFalse();
        assertThat(files.store("facade", "dup-2", "text/plain", new ByteArrayInputStream(data), -1).deduplicated())
                .isTrue();
        assertThat(files.store("facade-other", "dup-3", "text/plain", new ByteArrayInputStream(data), -1).deduplicated())
                .as("dedup stays inside a bucket").isFalse();
    }

    private static void expect(ErrorCode code, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
