/**
 * The sts cluster: members registered in ZooKeeper under {@code /sts}, and routing of each key to its CARP
 * owner. Spring-free.
 */
@NullMarked
package io.xfs.sts.cluster;

import org.jspecify.annotations.NullMarked;
