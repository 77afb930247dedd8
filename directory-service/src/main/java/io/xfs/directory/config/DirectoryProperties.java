package io.xfs.directory.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code xfs.directory.*}: placement, topology refresh, provisioning, the reaper and replication health. Every default lives
 * here and nowhere else.
 *
 * @param spaceUnit       free space worth one point of a store's space score (SPEC §4: 32 GiB)
 * @param placementTtl    how long an uncommitted placement lives before its needle becomes garbage
 * @param zookeeperWait   how long a new placement waits for ZooKeeper before answering 503
 * @param refreshInterval how often the topology is re-read from ZooKeeper besides the watches
 * @param autoProvision   form groups and add volumes automatically (on in the standalone)
 * @param storeTimeout    timeout of one call to a store (admin and delete calls)
 */
@ConfigurationProperties("xfs.directory")
public record DirectoryProperties(
        @DefaultValue("32GB") DataSize spaceUnit,
        @DefaultValue("1h") Duration placementTtl,
        @DefaultValue("5s") Duration zookeeperWait,
        @DefaultValue("10s") Duration refreshInterval,
        @DefaultValue("false") boolean autoProvision,
        @DefaultValue("5s") Duration storeTimeout,
        @DefaultValue Provision provision,
        @DefaultValue Reaper reaper,
        @DefaultValue Replication replication,
        @DefaultValue Exclusion exclusion) {

    /**
     * {@code xfs.directory.provision.*}: the automatic provisioner.
     *
     * @param interval       how often it looks at the topology
     * @param settle         how long the set of registered stores must stay unchanged before groups are formed
     * @param lowSpace       a group whose writable space falls below this gets another volume
     * @param initialVolumes volumes a new group starts with
     */
    public record Provision(
            @DefaultValue("3s") Duration interval,
            @DefaultValue("3s") Duration settle,
            @DefaultValue("4GB") DataSize lowSpace,
            @DefaultValue("2") int initialVolumes) {
    }

    /**
     * {@code xfs.directory.reaper.*}: deletion of garbage needles on the stores.
     *
     * @param interval   pause between two passes
     * @param batch      garbage records taken per pass
     * @param minBackoff first retry delay of a needle a replica did not acknowledge
     * @param maxBackoff the retry delay doubles up to this
     */
    public record Reaper(
            @DefaultValue("1s") Duration interval,
            @DefaultValue("1000") int batch,
            @DefaultValue("1s") Duration minBackoff,
            @DefaultValue("1m") Duration maxBackoff) {
    }

    /**
     * {@code xfs.directory.replication.*}: the replication monitor (docs/operations.md, "Replication health").
     *
     * @param grace    how long a volume must lack a replica before it counts as under-replicated (and is logged)
     * @param interval how often every volume is checked
     */
    public record Replication(
            @DefaultValue("15s") Duration grace,
            @DefaultValue("2s") Duration interval) {
    }

    /**
     * {@code xfs.directory.exclusion.*}: when placement avoids a store that proxies report failing
     * (docs/architecture.md "Writes when a store dies").
     *
     * @param probeInterval how often a reported store's {@code /ping} is checked until it passes
     * @param probeTimeout  how long one check waits
     * @param reporters     distinct proxies whose reports exclude a store before the directory's own check fails
     * @param reportWindow  how long a report counts towards that
     */
    public record Exclusion(
            @DefaultValue("1s") Duration probeInterval,
            @DefaultValue("1s") Duration probeTimeout,
            @DefaultValue("2") int reporters,
            @DefaultValue("10s") Duration reportWindow) {
    }
}
