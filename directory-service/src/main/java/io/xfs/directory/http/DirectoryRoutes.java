package io.xfs.directory.http;

import static io.xfs.common.auth.internal.InternalRole.DIRECTORY;
import static io.xfs.common.auth.internal.InternalRole.OPERATOR;
import static io.xfs.common.auth.internal.InternalRole.PROXY;
import static io.xfs.common.auth.internal.InternalRole.STORE;
import static io.xfs.common.auth.internal.InternalRole.STS;

import io.xfs.common.auth.internal.InternalRoutes;

/**
 * Who may call what on the directory (docs/api.md, "Internal calls"): files and placements for the proxies
 * (and operators), the topology for every service, admin calls for operators only. {@code /auth/**} is
 * checked with the admin key instead (the CLI holds no cluster secret).
 */
final class DirectoryRoutes {
    private DirectoryRoutes() {
    }

    static InternalRoutes routes() {
        return InternalRoutes.builder()
                .open("/ping")
                .open("/auth/")
                // Load balancers and scrapers cannot sign: health and metrics stay open (counts, no data).
                .open("/actuator/health")
                .open("/actuator/health/")
                .open("/actuator/prometheus")
                .allow("/actuator/", OPERATOR)
                .allow("/upload", PROXY, OPERATOR)
                .allow("/commit", PROXY, OPERATOR)
                .allow("/commits", PROXY, OPERATOR)
                .allow("/get", PROXY, OPERATOR)
                .allow("/list", PROXY, OPERATOR)
                .allow("/del", PROXY, OPERATOR)
                .allow("/buckets", PROXY, OPERATOR)
                // A proxy's breaker opened for a store: the directory corroborates before excluding it.
                .allow("/report", PROXY, OPERATOR)
                .allow("/topology", PROXY, STORE, STS, DIRECTORY, OPERATOR)
                .allow("/admin/", OPERATOR);
    }
}
