package io.xfs.proxy.mas;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.tokens.*}: the token (mas) API.
 *
 * @param system        system tokens backend services send in the {@code systemToken} header; none → every
 *                      system call is refused
 * @param signingKey    HMAC key every proxy shares (at least 16 bytes); unset → a random key, valid for this
 *                      proxy only
 * @param lifetime      a new token's deadline after its creation (seed: 120 s)
 * @param extension     how much further each successful use pushes the deadline (seed: 10 s)
 * @param bucket        the private bucket mas files live in; the path API refuses it without a token
 * @param maxChunkSize  largest chunk of a chunked upload
 * @param uploadExpiry  an upload not touched for this long is removed with its chunks
 * @param spoolDir      where bodies wait while their hash is checked; unset → {@code <xfs.data-dir>/mas-spool},
 *                      else the system temp directory
 * @param cors          browser origins allowed to call {@code /api/**}
 */
@ConfigurationProperties("xfs.tokens")
record MasProperties(
        @DefaultValue List<String> system,
        @Nullable String signingKey,
        @DefaultValue("120s") Duration lifetime,
        @DefaultValue("10s") Duration extension,
        @DefaultValue("mas") String bucket,
        @DefaultValue("8MB") DataSize maxChunkSize,
        @DefaultValue("24h") Duration uploadExpiry,
        @Nullable String spoolDir,
        @DefaultValue Cors cors) {

    MasProperties {
        system = List.copyOf(system);
    }

    /**
     * @param allowedOrigins origins such as {@code https://app.example.com} ({@code *} allows any); empty → no CORS
     * @param maxAge         how long a browser may cache a preflight answer
     */
    record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {
        Cors {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }
}
