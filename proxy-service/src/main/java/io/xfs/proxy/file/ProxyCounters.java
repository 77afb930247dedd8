package io.xfs.proxy.file;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The proxy's own counters since it started, shown by {@code GET /status}. Thread-safe. */
public final class ProxyCounters {
    final LongAdder uploads = new LongAdder();
    final LongAdder uploadedBytes = new LongAdder();
    final LongAdder deduplicated = new LongAdder();
    final LongAdder chunkedUploads = new LongAdder();
    final LongAdder needlesWritten = new LongAdder();
    final LongAdder writeRetries = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
    final LongAdder breakersOpened = new LongAdder();
    final LongAdder breakersClosed = new LongAdder();
    final LongAdder commitRestarts = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder readBytes = new LongAdder();
    final LongAdder readFailovers = new LongAdder();
    final LongAdder readFailures = new LongAdder();
    final LongAdder replicaReadErrors = new LongAdder();
    final LongAdder metadataRefreshes = new LongAdder();
    final LongAdder deletes = new LongAdder();

    /** A snapshot, in a stable order, for JSON. */
    public Map<String, Long> snapshot() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("uploads", uploads.sum());
        map.put("uploaded_bytes", uploadedBytes.sum());
        map.put("deduplicated", deduplicated.sum());
        map.put("chunked_uploads", chunkedUploads.sum());
        map.put("needles_written", needlesWritten.sum());
        map.put("write_retries", writeRetries.sum());
        map.put("write_failures", writeFailures.sum());
        map.put("breakers_opened", breakersOpened.sum());
        map.put("breakers_closed", breakersClosed.sum());
        map.put("commit_restarts", commitRestarts.sum());
        map.put("reads", reads.sum());
        map.put("read_bytes", readBytes.sum());
        map.put("read_failovers", readFailovers.sum());
        map.put("read_failures", readFailures.sum());
        map.put("replica_read_errors", replicaReadErrors.sum());
        map.put("metadata_refreshes", metadataRefreshes.sum());
        map.put("deletes", deletes.sum());
        return map;
    }
}
