package io.xfs.directory.replication;

import org.jspecify.annotations.Nullable;

/**
 * One replica a volume lacks.
 *
 * @param storeId the store that should hold it, null for {@link ReplicaProblem#NOT_PLACED}
 * @param problem why it does not count
 */
public record MissingReplica(@Nullable String storeId, ReplicaProblem problem) {
}
