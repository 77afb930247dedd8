package io.xfs.common.web;

/**
 * The credential check of a service, run before every routed handler, before any of the body is read.
 * Throws an {@code XfsException} (401, 403) to refuse; the layer answers it and drains or closes as for
 * any early answer. One implementation per service serves its API and its management port.
 */
@FunctionalInterface
public interface Authenticator {
    void authenticate(Exchange exchange);
}
