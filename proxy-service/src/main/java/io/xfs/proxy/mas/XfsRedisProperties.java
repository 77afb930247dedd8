package io.xfs.proxy.mas;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code xfs.redis.url} (SPEC §8), for example {@code redis://127.0.0.1:6379/0}: where the proxy keeps
 * tokens and upload state so that every proxy sees them. Unset → both live in this proxy's memory.
 *
 * @param url a Redis URI ({@code redis://host:port/db}) holding tokens and upload state; unset: this
 *            proxy's memory (one proxy only)
 */
@ConfigurationProperties("xfs.redis")
record XfsRedisProperties(@Nullable URI url) {
}
