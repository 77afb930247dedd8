package io.xfs.proxy.http;

import io.xfs.proxy.auth.ProxyAuthProperties;
import io.xfs.proxy.auth.RequestGuard;
import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import io.xfs.proxy.file.FileService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET /status} (the cluster as this proxy sees it, plus its own counters) and {@code GET /ping}. */
@RestController
class StatusController {
    private final FileService files;
    private final DirectoryClient directory;
    private final ProxyAuthProperties auth;

    StatusController(FileService files, DirectoryClient directory, ProxyAuthProperties auth) {
        this.files = files;
        this.directory = directory;
        this.auth = auth;
    }

    @GetMapping("/status")
    Map<String, Object> status(jakarta.servlet.http.HttpServletRequest request) {
        MetadataCache cache = files.cache();
        Map<String, Object> cacheStats = new LinkedHashMap<>();
        cacheStats.put("entries", cache.size());
        cacheStats.put("hits", cache.hits());
        cacheStats.put("misses", cache.misses());
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("chunk_size", files.limits().chunkSize());
        proxy.put("max_file_size", files.limits().maxFileSize());
        proxy.put("counters", files.counters().snapshot());
        // Stores this proxy's writes avoid after they failed an upload, until a health check passes.
        proxy.put("breakers_open", files.openBreakers());
        proxy.put("metadata_cache", cacheStats);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("proxy", proxy);
        // Shown so that an operator sees a proxy left open (xfs.auth.enabled=false, docs/operations.md).
        status.put("auth", Map.of("enabled", auth.enabled()));
        // The directory's view of stores, volumes, free space and write stats; 503 when it is unreachable.
        // With auth on, only the admin key sees it (store addresses are internal).
        if (!auth.enabled() || request.getAttribute(RequestGuard.ADMIN_CALLER) != null) {
            JsonNode cluster = directory.topology();
            status.put("cluster", cluster);
            // Lifted out of the cluster view so that a missing replica is the first thing an operator sees.
            status.put("replication", cluster.get("replication"));
        }
        return status;
    }

    @GetMapping("/ping")
    Map<String, Object> ping() {
        return Map.of("code", 0);
    }
}
