package io.xfs.common.topology;

import java.util.List;

/**
 * The data of a store's ephemeral node {@code /rack/<rack>/<storeId>} (SPEC §4), refreshed every few
 * seconds. {@code api} and {@code admin} are {@code host:port}; admin calls live under {@code /admin/}.
 */
public record StoreRegistration(
        String id,
        String rack,
        String api,
        String admin,
        int status,
        List<VolumeState> volumes,
        StoreStats stats) {

    public StoreRegistration {
        volumes = List.copyOf(volumes);
    }

    public boolean writable() {
        return StoreStatus.writable(status);
    }

    public boolean readable() {
        return StoreStatus.readable(status);
    }
}
