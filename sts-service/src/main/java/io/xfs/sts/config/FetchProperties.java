package io.xfs.sts.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.sts.fetch.*}: the SSRF exceptions ({@code allow-hosts} as {@code host:port}, {@code allow-private}
 * for loopback, private, link-local, carrier-grade NAT and unique-local targets), timeouts, the largest
 * resource fetched and how many downloads run at once.
 *
 * @param allowHosts     {@code host:port} pairs, spelled as the uri spells them, exempt from the SSRF address
 *                       check (still resolved once and pinned)
 * @param allowPrivate   also fetch from loopback, private, link-local, carrier-grade NAT and unique-local
 *                       addresses; off by default, as it opens the internal network to anyone who can call sts
 * @param connectTimeout TCP connect timeout of a fetch
 * @param readTimeout    longest silence of the origin within a fetch (each read)
 * @param timeout        a whole download, connect to last byte
 * @param maxLength      largest resource fetched
 * @param maxConcurrent  downloads running at once; others queue
 */
@ConfigurationProperties("xfs.sts.fetch")
public record FetchProperties(
        @DefaultValue List<String> allowHosts,
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("5m") Duration timeout,
        @DefaultValue("1GB") DataSize maxLength,
        @DefaultValue("32") int maxConcurrent) {
    public FetchProperties {
        allowHosts = List.copyOf(allowHosts);
    }
}
