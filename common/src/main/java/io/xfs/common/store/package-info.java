/** A client for a store's internal HTTP API (docs/CONTRACTS.md, "Store"), shared by the directory and the proxy. */
@NullMarked
package io.xfs.common.store;

import org.jspecify.annotations.NullMarked;
