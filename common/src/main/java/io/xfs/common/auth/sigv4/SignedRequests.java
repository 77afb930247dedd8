package io.xfs.common.auth.sigv4;

import io.xfs.common.http.client.Request;
import java.time.Instant;
import java.util.Map;

/** Signs requests of xfs's own HTTP client ({@link Request}) with SigV4, as the CLI and the proxy's lookups send them. */
public final class SignedRequests {
    private SignedRequests() {
    }

    /** {@code request} with the headers that sign it (payload {@code UNSIGNED-PAYLOAD}, host = its authority). */
    public static Request sign(Request request, SigV4Signer signer, Instant now) {
        String pathAndQuery = request.pathAndQuery();
        int q = pathAndQuery.indexOf('?');
        Map<String, String> added = signer.sign(request.method(), q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? null : pathAndQuery.substring(q + 1), Map.of("host", request.authority()),
                SigV4.UNSIGNED_PAYLOAD, now);
        Request signed = request;
        for (Map.Entry<String, String> header : added.entrySet()) {
            signed = signed.withHeader(header.getKey(), header.getValue());
        }
        return signed;
    }
}
