package io.xfs.sts.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.sts.*}: slot length and retention, the largest file written, this instance's CARP weight, the
 * host other instances reach it at (default: this machine's host name), and forwarding timeouts.
 */
@ConfigurationProperties("xfs.sts")
public record StsProperties(
        @DefaultValue("30m") Duration slot,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("1") double weight,
        @Nullable String advertiseHost,
        @DefaultValue("2s") Duration forwardConnectTimeout,
        @DefaultValue("10m") Duration forwardTimeout) {
}
