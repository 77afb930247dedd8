/** The store's ephemeral node in ZooKeeper ({@code /rack/<rack>/<storeId>}). */
@NullMarked
package io.xfs.store.registry;

import org.jspecify.annotations.NullMarked;
