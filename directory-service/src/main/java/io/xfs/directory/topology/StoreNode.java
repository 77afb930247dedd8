package io.xfs.directory.topology;

import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.VolumeState;
import java.util.Optional;

/**
 * A registered store as the directory sees it: what the store published under {@code /rack} plus the
 * average write delay the directory derived from two successive observations of its counters.
 *
 * @param writeDelayNanos average write latency since the previous observation (0 when it wrote nothing)
 */
public record StoreNode(String id, StoreRegistration registration, long writeDelayNanos) {

    public boolean writable() {
        return registration.writable();
    }

    public boolean readable() {
        return registration.readable();
    }

    public String rack() {
        return registration.rack();
    }

    /** {@code host:port} of the store's data API. */
    public String api() {
        return registration.api();
    }

    /** {@code host:port} of the store's admin API ({@code /admin/...}). */
    public String admin() {
        return registration.admin();
    }

    /** The state of volume {@code vid} as this store reports it, if it holds the volume. */
    public Optional<VolumeState> volume(int vid) {
        for (VolumeState v : registration.volumes()) {
            if (v.vid() == vid) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
