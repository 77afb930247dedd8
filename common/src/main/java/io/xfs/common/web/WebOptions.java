package io.xfs.common.web;

import java.time.Duration;

/**
 * The limits and defences of one {@link WebServer}.
 *
 * @param ioThreads                Netty event loops (they only move bytes; handlers run on virtual threads)
 * @param maxInitialLineLength     longest request line; longer answers 414
 * @param maxHeaderSize            largest request head; larger answers 431
 * @param headTimeout              from a connection's first byte (or its opening) to the end of the request head;
 *                                 a head not complete by then answers 408 and the connection closes
 * @param idleTimeout              a kept-alive connection with no request for this long is closed; also the
 *                                 longest a response waits for a client that does not read it
 * @param minBodyRate              bytes per second a request body must arrive at, measured over {@code rateWindow}
 *                                 while the server reads (time paused for backpressure does not count); 0: off
 * @param rateWindow               the window of {@code minBodyRate}
 * @param maxConnectionsPerAddress connections one client address may hold open; more are closed at once; 0: off
 * @param inFlightBodyBudget       request body bytes received but not yet consumed by handlers, over all
 *                                 connections; above it every connection stops reading until handlers catch up
 * @param drainLimit               after an answer sent before the whole body arrived (a 413, a 401), up to this
 *                                 many unread bytes are read and dropped to keep the connection; more closes it
 * @param shutdownGrace            how long {@link WebServer#close()} waits for requests in flight
 */
public record WebOptions(
        int ioThreads,
        int maxInitialLineLength,
        int maxHeaderSize,
        Duration headTimeout,
        Duration idleTimeout,
        long minBodyRate,
        Duration rateWindow,
        int maxConnectionsPerAddress,
        long inFlightBodyBudget,
        long drainLimit,
        Duration shutdownGrace) {

    public WebOptions {
        if (ioThreads < 1 || maxInitialLineLength < 256 || maxHeaderSize < 1024) {
            throw new IllegalArgumentException("ioThreads >= 1, maxInitialLineLength >= 256, maxHeaderSize >= 1024");
        }
        if (headTimeout.isNegative() || headTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("timeouts and the rate window must be positive");
        }
        if (minBodyRate < 0 || maxConnectionsPerAddress < 0 || inFlightBodyBudget < 64 * 1024 || drainLimit < 0) {
            throw new IllegalArgumentException("minBodyRate, maxConnectionsPerAddress, drainLimit >= 0; "
                    + "inFlightBodyBudget >= 64 KiB");
        }
    }

    /** The defaults documented in docs/operations.md ({@code xfs.http.*}). */
    public static WebOptions defaults() {
        return new WebOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), 8192, 16 * 1024,
                Duration.ofSeconds(20), Duration.ofSeconds(60), 1024, Duration.ofSeconds(10), 2000,
                256L << 20, 8L << 20, Duration.ofSeconds(20));
    }
}
