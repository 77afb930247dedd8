package io.xfs.store.config;

import io.xfs.common.web.WebOptions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.http.*}: the limits and slow-client defences of the API port (docs/architecture.md, "HTTP layer").
 *
 * @param ioThreads                 Netty event loops; unset: one per processor
 * @param maxHeaderSize             the largest request head (431 above it)
 * @param headTimeout               a request head must arrive within this (408 and the connection closes)
 * @param idleTimeout               a kept-alive connection idle this long is closed; also how long an answer
 *                                  waits for a client that does not read
 * @param minBodyRate               bytes per second a request body must arrive at (over {@code rate-window});
 *                                  slower connections are closed; 0 turns it off
 * @param rateWindow                the window {@code min-body-rate} is measured over
 * @param maxConnectionsPerAddress  connections one client address may hold open; 0: no cap
 * @param inFlightBodyBudget        request body bytes held for all handlers together; above it the server
 *                                  stops reading from clients until handlers catch up
 */
@ConfigurationProperties("xfs.http")
public record HttpProperties(
        @Nullable Integer ioThreads,
        @DefaultValue("16KB") DataSize maxHeaderSize,
        @DefaultValue("20s") Duration headTimeout,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("1KB") DataSize minBodyRate,
        @DefaultValue("10s") Duration rateWindow,
        @DefaultValue("2000") int maxConnectionsPerAddress,
        @DefaultValue("256MB") DataSize inFlightBodyBudget) {

    /** The options of the server, the store's {@code max-needle-size} bounding what is drained after an early answer. */
    public WebOptions options() {
        WebOptions defaults = WebOptions.defaults();
        return new WebOptions(ioThreads == null ? defaults.ioThreads() : ioThreads, defaults.maxInitialLineLength(),
                (int) maxHeaderSize.toBytes(), headTimeout, idleTimeout, minBodyRate.toBytes(), rateWindow,
                maxConnectionsPerAddress, inFlightBodyBudget.toBytes(), defaults.drainLimit(),
                defaults.shutdownGrace());
    }
}
