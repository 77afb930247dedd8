package io.xfs.common.auth.sigv4;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What SigV4 needs of an HTTP request, as it arrived: each HTTP stack (the servlet proxy today, Netty
 * later) adapts its request to this, so the signature rules never depend on one.
 */
public interface SignableRequest {

    /** The method, upper case ({@code GET}). */
    String method();

    /** The path exactly as sent, percent-escapes included, without the query ({@code /file}). */
    String rawPath();

    /** The query exactly as sent, without the {@code ?}; null when the request has none. */
    @Nullable String rawQuery();

    /** Every value of header {@code name} (any case), in the order received; empty when absent. */
    List<String> headers(String name);

    /** The first value of header {@code name}, or null. */
    default @Nullable String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.getFirst();
    }
}
