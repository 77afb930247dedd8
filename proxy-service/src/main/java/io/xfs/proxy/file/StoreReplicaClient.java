package io.xfs.proxy.file;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@link ReplicaClient} for xfs stores. Writes go through the shared {@link StoreClient}. Reads use
 * {@link HttpURLConnection} instead, because a streamed read needs a timeout on every socket read (a store
 * that stalls mid-needle must fail over) and {@code java.net.http} only bounds the wait for the headers.
 * Both block their (virtual) thread. Thread-safe and stateless.
 */
public final class StoreReplicaClient implements ReplicaClient {
    private final StoreClient stores;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /**
     * @param timeout a store write's whole-call timeout, and the timeout of each socket read of a store read
     */
    public StoreReplicaClient(Duration connectTimeout, Duration timeout, @Nullable String clusterSecret) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.stores = new StoreClient(http, clusterSecret, timeout);
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) timeout.toMillis();
    }

    @Override
    public void write(String store, NeedleRef needle, byte[] data, int length) throws IOException {
        try {
            if (length == data.length || length == 0) {
                // exact arrays go as they are (StoreClient's stream variant refuses a length of 0)
                stores.upload(store, needle.vid(), needle.key(), needle.cookie(),
                        length == data.length ? data : new byte[0]);
            } else {
                stores.upload(store, needle.vid(), needle.key(), needle.cookie(),
                        new ByteArrayInputStream(data, 0, length), length);
            }
        } catch (XfsException e) {
            throw new ReplicaFailure(e.errorCode().httpStatus(), e.getMessage());
        }
    }

    @Override
    public InputStream read(String store, NeedleRef needle, long offset, long length) throws IOException {
        HttpURLConnection connection = open(store, "/get", needle);
        try {
            boolean whole = offset == 0 && length == needle.size();
            if (!whole) {
                connection.setRequestProperty("Range", "bytes=" + offset + "-" + (offset + length - 1));
            }
            int status = connection.getResponseCode();
            if (status != 200 && status != 206) {
                throw failure(store, "get", needle, connection, status);
            }
            long announced = connection.getContentLengthLong();
            if (announced >= 0 && announced != length) {
                throw new ReplicaFailure(0, store + " answered " + announced + " bytes of needle " + describe(needle)
                        + " for a range of " + length);
            }
            if (status == 200 && !whole) {
                throw new ReplicaFailure(0, store + " ignored the Range of a read of needle " + describe(needle));
            }
            return new FailFastStream(connection, length);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    private HttpURLConnection open(String store, String call, NeedleRef needle) throws IOException {
        URI uri = URI.create("http://" + store + call + "?vid=" + needle.vid() + "&key=" + needle.key()
                + "&cookie=" + needle.cookie());
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        return connection;
    }

    private static ReplicaFailure failure(String store, String call, NeedleRef needle, HttpURLConnection connection,
                                          int status) {
        String body = "";
        try (InputStream err = connection.getErrorStream()) {
            if (err != null) {
                body = new String(err.readNBytes(512), StandardCharsets.UTF_8);
            }
        } catch (IOException ignored) {
            // the status says enough
        }
        return new ReplicaFailure(status, store + " answered " + status + " to " + call + " of needle "
                + describe(needle) + (body.isEmpty() ? "" : ": " + body));
    }

    static String describe(NeedleRef needle) {
        return needle.vid() + "/" + needle.key() + "/" + needle.cookie();
    }

    /**
     * The body of a store read. Closing it before the end drops the connection instead of draining a
     * possibly large remainder into the keep-alive cache.
     */
    private static final class FailFastStream extends InputStream {
        private final HttpURLConnection connection;
        private final InputStream in;
        private long remaining;

        FailFastStream(HttpURLConnection connection, long length) throws IOException {
            this.connection = connection;
            this.in = connection.getInputStream();
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (remaining == 0) {
                in.close();
            } else {
                connection.disconnect();
            }
        }
    }
}
