package io.xfs.store.repair;

import io.xfs.common.error.XfsException;
import io.xfs.common.store.ReplicaSnapshot;
import io.xfs.common.store.StoreClient;
import java.io.IOException;
import java.io.InputStream;

/** A source replica on another store, read through its admin calls (docs/store.md, "Volume copy"). */
public final class HttpReplicaSource implements ReplicaSource {
    private final StoreClient client;
    private final String api;

    public HttpReplicaSource(StoreClient client, String api) {
        this.client = client;
        this.api = api;
    }

    @Override
    public ReplicaSnapshot snapshot(int vid) throws IOException {
        try {
            return client.volumeState(api, vid);
        } catch (XfsException e) {
            throw new IOException("snapshot of volume " + vid + " from " + api + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream needles(int vid, long epoch, long from, long to) throws IOException {
        try {
            return client.volumeNeedles(api, vid, epoch, from, to);
        } catch (XfsException e) {
            throw new IOException("needles of volume " + vid + " from " + api + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return api;
    }
}
