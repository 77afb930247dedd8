package io.xfs.common.web;

/**
 * Serves one route. Runs on a virtual thread: it may block on the request body, the disk or other services.
 * It answers through the {@link Exchange}; an {@code XfsException} it throws becomes the error answer
 * (or, once the answer has started, cuts the connection).
 */
@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws Exception;
}
