/**
 * Replication health: per volume, the replicas the cluster wants against the healthy ones it has
 * ({@link io.xfs.directory.replication.ReplicationMonitor}). Plain Java, no Spring and no HTTP, so that
 * repair can be driven from the same computation that {@code /topology} and the metrics show.
 */
@NullMarked
package io.xfs.directory.replication;

import org.jspecify.annotations.NullMarked;
