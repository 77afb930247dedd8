package io.xfs.proxy.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.auth.*} as the proxy reads it (docs/operations.md).
 *
 * @param enabled     whether {@code /file}, {@code /files} and {@code /fileinfo} requests are authenticated
 *                    and authorized (the default: secure unless switched off explicitly); off is logged as a
 *                    warning at startup and shown on {@code /status}
 * @param region      the SigV4 region signatures are scoped to (what clients assume: {@code us-east-1})
 * @param cacheTtl    how long a looked-up access key or the bucket policies are reused (revocation takes
 *                    effect within it; at most 5 s)
 * @param replayCache how many write signatures are remembered to refuse their replay
 * @param admin       the admin key, with which the proxy signs its lookups on the directory
 */
@ConfigurationProperties("xfs.auth")
public record ProxyAuthProperties(@DefaultValue("true") boolean enabled, @DefaultValue("us-east-1") String region,
                                  @DefaultValue("5s") Duration cacheTtl, @DefaultValue("100000") int replayCache,
                                  @DefaultValue Admin admin) {

    public ProxyAuthProperties {
        if (cacheTtl.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("xfs.auth.cache-ttl is at most 5s, so that revocation is quick");
        }
    }

    /**
     * @param accessKey the admin key's id
     * @param secretKey the admin key's secret (from the environment or a file, never a command line)
     */
    public record Admin(@Nullable String accessKey, @Nullable String secretKey) {

        boolean configured() {
            return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
        }
    }
}
