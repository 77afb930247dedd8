package io.xfs.directory.topology;

import org.jspecify.annotations.Nullable;

/**
 * One node read from ZooKeeper, from a watch cache or a direct read.
 *
 * @param mzxid the transaction id of the node's last change: a larger one is a newer observation
 */
record ZNode(String path, long mzxid, byte @Nullable [] data) {
}
