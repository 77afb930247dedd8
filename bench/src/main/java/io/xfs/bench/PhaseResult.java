package io.xfs.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The measured outcome of one phase: counts, bytes, wall time and the latency histogram (microseconds). */
record PhaseResult(String phase, long requests, long ok, Map<String, Long> errors, long bytes, long elapsedNanos,
                   Histogram latencyMicros) {

    PhaseResult {
        errors = new TreeMap<>(errors);
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double requestsPerSecond() {
        return ok / Math.max(seconds(), 1e-9);
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / Math.max(seconds(), 1e-9);
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Object> toJson() {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", percentileMillis(50));
        latency.put("p90", percentileMillis(90));
        latency.put("p99", percentileMillis(99));
        latency.put("p99.9", percentileMillis(99.9));
        latency.put("max", maxMillis());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phase", phase);
        json.put("requests", requests);
        json.put("ok", ok);
        json.put("errors", errors);
        json.put("bytes", bytes);
        json.put("seconds", seconds());
        json.put("requestsPerSecond", requestsPerSecond());
        json.put("mbPerSecond", megabytesPerSecond());
        json.put("latencyMs", latency);
        return json;
    }

    String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s: %d requests in %.2f s, %.1f req/s, %.2f MB/s, %d errors%n",
                phase, requests, seconds(), requestsPerSecond(), megabytesPerSecond(), errorCount()));
        s.append(String.format("  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                maxMillis()));
        errors.forEach((kind, count) -> s.append(String.format("  errors %s: %d%n", kind, count)));
        return s.toString();
    }
}
