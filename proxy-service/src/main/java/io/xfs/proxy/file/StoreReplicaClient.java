package io.xfs.proxy.file;

import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.store.NeedleStream;
import io.xfs.common.store.StoreClient;
import io.xfs.common.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link ReplicaClient} for xfs stores, on one {@link StoreClient} whose kept-alive connections serve both
 * writes and reads. The timeout bounds every wait for a store, also between two reads of a needle's body,
 * so a store that stalls mid-needle fails over. Thread-safe; close it to drop the idle connections.
 */
public final class StoreReplicaClient implements ReplicaClient, AutoCloseable {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final KeepAliveClient http;
    private final StoreClient stores;
    private final Map<String, String> adminAddresses = new ConcurrentHashMap<>();

    /**
     * @param timeout the longest silence of a store within a write or a read
     * @param signer  signs every call, or null when the cluster has no secret
     * @param tls     every call is TLS with it (stores register host:port: TLS is cluster-wide); null: none
     */
    public StoreReplicaClient(Duration connectTimeout, Duration timeout, @Nullable InternalSigner signer,
                              @Nullable Tls tls) {
        this.http = new KeepAliveClient(KeepAliveClient.Settings.of(connectTimeout, timeout), tls);
        this.stores = new StoreClient(http, signer, timeout);
    }

    @Override
    public void write(String store, NeedleRef needle, byte[] data, int length) throws IOException {
        try {
            stores.upload(store, needle.vid(), needle.key(), needle.cookie(), data, 0, length);
        } catch (XfsException e) {
            throw new ReplicaFailure(e.errorCode().httpStatus(), e.getMessage());
        }
    }

    @Override
    public InputStream read(String store, NeedleRef needle, long offset, long length) throws IOException {
        boolean whole = offset == 0 && length == needle.size();
        NeedleStream stream;
        try {
            stream = whole
                    ? stores.open(store, needle.vid(), needle.key(), needle.cookie())
                    : stores.open(store, needle.vid(), needle.key(), needle.cookie(), offset, length);
        } catch (XfsException e) {
            throw new ReplicaFailure(e.errorCode().httpStatus(), store + " failed a read of needle " + describe(needle)
                    + ": " + e.getMessage());
        }
        try {
            if (stream.length() >= 0 && stream.length() != length) {
                throw new ReplicaFailure(0, store + " answered " + stream.length() + " bytes of needle "
                        + describe(needle) + " for a range of " + length);
            }
            if (stream.offset() != offset) {
                throw new ReplicaFailure(0, store + " answered bytes from " + stream.offset() + " of needle "
                        + describe(needle) + " for a range from " + offset);
            }
            return stream.body();
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    @Override
    public boolean requestRepair(String store, NeedleRef needle) throws IOException {
        try {
            // Repair is an admin call: it goes to the management address the store registered (its /info).
            String admin = adminAddresses.computeIfAbsent(store, api -> stores.info(api).admin());
            return stores.repairNeedle(admin, needle.vid(), needle.key(), needle.cookie());
        } catch (XfsException e) {
            adminAddresses.remove(store);
            throw new ReplicaFailure(e.errorCode().httpStatus(), store + " could not repair needle " + describe(needle)
                    + ": " + e.getMessage());
        }
    }

    @Override
    public boolean ping(String store) {
        // Short: a breaker's health check must not hang on a store that accepts connections but stalls.
        return stores.ping(store, PING_TIMEOUT);
    }

    static String describe(NeedleRef needle) {
        return needle.vid() + "/" + needle.key() + "/" + needle.cookie();
    }

    @Override
    public void close() {
        http.close();
    }
}
