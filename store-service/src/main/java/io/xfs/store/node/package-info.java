/** This store as the cluster sees it: identity, advertised address, counters and status. */
@NullMarked
package io.xfs.store.node;

import org.jspecify.annotations.NullMarked;
