package io.xfs.directory.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.repair.*}: re-replication of volumes short of a replica (docs/operations.md, "Repair").
 *
 * @param enabled  run the leader's repair rounds
 * @param grace    how long a volume may be short of a healthy replica before it is copied elsewhere (a
 *                 store restarting within it is not replaced)
 * @param interval pause between two repair rounds
 * @param lease    how long a repair lease holds without renewal (renewed at every poll of the copy)
 * @param poll     how long one call waits for a store's copy before the lease is renewed
 * @param parallel repair tasks this directory runs at once (each copies a whole volume)
 */
@ConfigurationProperties("xfs.repair")
public record RepairProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration grace,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("20s") Duration poll,
        @DefaultValue("2") int parallel) {

    public RepairProperties {
        if (grace.isNegative() || interval.isNegative() || interval.isZero() || poll.isNegative()
                || poll.compareTo(Duration.ofMinutes(1)) > 0 || lease.compareTo(poll.multipliedBy(2)) < 0
                || parallel < 1) {
            throw new IllegalArgumentException("xfs.repair: grace >= 0, interval > 0, 0 <= poll <= 1m, lease >= 2 x poll"
                    + " and parallel >= 1 are required: " + this);
        }
    }
}
