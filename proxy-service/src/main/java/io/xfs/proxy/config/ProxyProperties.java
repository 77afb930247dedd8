package io.xfs.proxy.config;

import io.xfs.common.auth.internal.InternalAuth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The proxy's settings under {@code xfs.*}: the cluster-wide names fixed by SPEC §8
 * ({@code xfs.directory.url}, {@code xfs.max-file-size}, {@code xfs.chunk-size}, {@code xfs.cluster-secret})
 * plus {@code xfs.path-prefixes} and the proxy's own tuning under {@code xfs.proxy.*}.
 *
 * @param directory     where the directory is
 * @param maxFileSize   largest file accepted (413 above it)
 * @param chunkSize     files larger than this are stored as several needles of at most this size
 * @param pathPrefixes  accepted first segments of a public path ({@code /xfs/<bucket>/<name>})
 * @param clusterSecret         signs every call to the directory and the stores when set (docs/api.md,
 *                              "Internal calls")
 * @param clusterSecretFile     the secret read from this file instead
 * @param clusterSecretPrevious accepted during a rotation (the proxy only signs, with the current one)
 */
@ConfigurationProperties("xfs")
public record ProxyProperties(
        @DefaultValue Directory directory,
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("4MB") DataSize chunkSize,
        @DefaultValue("xfs") List<String> pathPrefixes,
        @Nullable String clusterSecret,
        @Nullable String clusterSecretFile,
        @Nullable String clusterSecretPrevious,
        @DefaultValue Tuning proxy) {

    public ProxyProperties {
        pathPrefixes = List.copyOf(pathPrefixes);
        if (pathPrefixes.isEmpty()) {
            throw new IllegalArgumentException("xfs.path-prefixes must name at least one prefix");
        }
        if (chunkSize.toBytes() < 1 || chunkSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("xfs.chunk-size must be between 1 byte and 2 GiB: " + chunkSize);
        }
        if (maxFileSize.toBytes() < 0) {
            throw new IllegalArgumentException("xfs.max-file-size must not be negative: " + maxFileSize);
        }
    }

    /** The internal-call credentials. @throws IllegalArgumentException for a bad secret setting */
    public InternalAuth internalAuth() {
        return InternalAuth.configured(clusterSecret, clusterSecretFile, clusterSecretPrevious);
    }

    /** @param url base URL of a directory instance (or of a load balancer in front of several) */
    public record Directory(@DefaultValue("http://127.0.0.1:6065") URI url) {
    }

    /**
     * @param metadataCacheTtl  how long a directory answer is reused; SPEC §2 caps it at 2 s
     * @param metadataCacheSize bound on cached entries
     * @param connectTimeout    TCP connect timeout towards directory and stores
     * @param directoryTimeout  longest silence of the directory within one call (each socket read)
     * @param storeTimeout      longest silence of a store within a write or a read (each socket read)
     * @param readBufferBudget  memory for needles held until their replica's answer ended verified (above 64 KiB)
     * @param readBufferWait    how long a read waits for read buffer memory before 503 {@code PROXY_BUSY}
     * @param writeRetryBudget  how long a needle's write keeps retrying in other groups after a failure
     * @param breakerCoolDown   how long a store that failed a write is avoided before each health check
     */
    public record Tuning(
            @DefaultValue("2s") Duration metadataCacheTtl,
            @DefaultValue("10000") int metadataCacheSize,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration directoryTimeout,
            @DefaultValue("30s") Duration storeTimeout,
            @DefaultValue("64MB") DataSize readBufferBudget,
            @DefaultValue("10s") Duration readBufferWait,
            @DefaultValue("10s") Duration writeRetryBudget,
            @DefaultValue("1s") Duration breakerCoolDown) {

        public Tuning {
            if (metadataCacheTtl.isNegative() || metadataCacheTtl.compareTo(Duration.ofSeconds(2)) > 0) {
                throw new IllegalArgumentException("xfs.proxy.metadata-cache-ttl must be 0..2s: " + metadataCacheTtl);
            }
            if (readBufferBudget.toBytes() < 1 || readBufferWait.isNegative()) {
                throw new IllegalArgumentException("xfs.proxy.read-buffer-budget must be positive and"
                        + " xfs.proxy.read-buffer-wait not negative");
            }
            if (metadataCacheSize < 0) {
                throw new IllegalArgumentException("xfs.proxy.metadata-cache-size must not be negative");
            }
            if (writeRetryBudget.isNegative() || breakerCoolDown.isNegative()) {
                throw new IllegalArgumentException(
                        "xfs.proxy.write-retry-budget and xfs.proxy.breaker-cool-down must not be negative");
            }
        }
    }
}
