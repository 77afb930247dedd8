/** The store's HTTP API: needle reads and writes, error answers, the cluster-secret filter. */
@NullMarked
package io.xfs.store.http;

import org.jspecify.annotations.NullMarked;
