package io.xfs.sts.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.sts.*}: slot length and retention, the largest file written, this instance's CARP weight, the
 * host other instances reach it at (default: this machine's host name), and forwarding timeouts.
 *
 * @param slot                  length of a time slot, one directory each; slot starts are multiples of it
 * @param retention             a slot is deleted once its end is older than this
 * @param cleanupInterval       how often expired slots are looked for
 * @param maxFileSize           largest {@code POST /v1/file} body (413 above it)
 * @param weight                this instance's CARP weight (0: registered, but owns no key)
 * @param advertisedHost        the host other instances forward to, with the port actually bound; unset:
 *                              this machine's host name (spelled like the store's
 *                              {@code xfs.store.advertised-host})
 * @param advertiseHost         the former spelling of {@code advertised-host}, still read when that is unset
 * @param forwardConnectTimeout TCP connect timeout when forwarding a call to the key's owner
 * @param forwardTimeout        longest time from sending a forwarded call, its body included, to the owner's
 *                              answer headers; an answer body already flowing is not cut
 */
@ConfigurationProperties("xfs.sts")
public record StsProperties(
        @DefaultValue("30m") Duration slot,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("1") double weight,
        @Nullable String advertisedHost,
        @Nullable String advertiseHost,
        @DefaultValue("2s") Duration forwardConnectTimeout,
        @DefaultValue("10m") Duration forwardTimeout) {

    /** The host configured to advertise, under either spelling ({@code advertised-host} wins), or null. */
    public @Nullable String configuredHost() {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost.strip();
        }
        return advertiseHost == null || advertiseHost.isBlank() ? null : advertiseHost.strip();
    }
}
