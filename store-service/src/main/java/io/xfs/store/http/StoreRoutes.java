package io.xfs.store.http;

import static io.xfs.common.auth.internal.InternalRole.DIRECTORY;
import static io.xfs.common.auth.internal.InternalRole.OPERATOR;
import static io.xfs.common.auth.internal.InternalRole.PROXY;
import static io.xfs.common.auth.internal.InternalRole.STORE;

import io.xfs.common.auth.internal.InternalRoutes;

/**
 * Who may call what on a store (docs/api.md, "Internal calls"). Needles: the proxies that read and write
 * them, the directory (repair, the reaper), other stores (read-repair) and operators. Admin calls: the
 * directory and operators only, except that another store may read a volume to copy it and a proxy that
 * read a damaged replica may ask for its repair.
 */
final class StoreRoutes {
    private StoreRoutes() {
    }

    /** The API port. */
    static InternalRoutes api() {
        return InternalRoutes.builder()
                .open("/ping")
                .allow("/get", PROXY, DIRECTORY, STORE, OPERATOR)
                .allow("/info", PROXY, DIRECTORY, STORE, OPERATOR)
                .allowStreamed("/upload", PROXY, DIRECTORY, STORE, OPERATOR)
                .allow("/uploads", PROXY, DIRECTORY, STORE, OPERATOR)
                .allow("/del", PROXY, DIRECTORY, STORE, OPERATOR);
    }

    /** The management port: admin calls and the actuator. */
    static InternalRoutes management() {
        return InternalRoutes.builder()
                // Load balancers and scrapers cannot sign: health and metrics stay open (counts, no data).
                .open("/actuator/health")
                .open("/actuator/health/")
                .open("/actuator/prometheus")
                .allow("/actuator/", OPERATOR)
                .allow("/admin/", DIRECTORY, OPERATOR)
                .allow("/admin/volume_state", DIRECTORY, STORE, OPERATOR)
                .allow("/admin/volume_needles", DIRECTORY, STORE, OPERATOR)
                .allow("/admin/repair_needle", DIRECTORY, PROXY, STORE, OPERATOR);
    }
}
