package io.xfs.common.auth.internal;

import io.xfs.common.web.Authenticator;
import io.xfs.common.web.Exchange;

/**
 * {@link InternalVerifier} as the credential check of a port served by {@code io.xfs.common.web}: open paths
 * pass, every other call must be signed, and a signed body is hash-checked as the handler reads it.
 */
public final class InternalAuthenticator implements Authenticator {
    private final InternalVerifier verifier;

    public InternalAuthenticator(InternalVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void authenticate(Exchange exchange) {
        if (verifier.isOpen(exchange.path())) {
            return;
        }
        VerifiedCall call = verifier.verify(exchange.method(), exchange.path(), exchange.rawQuery(),
                exchange.header(InternalSigner.HEADER), exchange.contentLength());
        if (call.bodySigned()) {
            exchange.filterBody(call::checking);
        }
    }
}
