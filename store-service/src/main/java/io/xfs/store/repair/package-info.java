/** Volume copies into this store: the target side of repair and drain (docs/store.md, "Volume copy"). */
@NullMarked
package io.xfs.store.repair;

import org.jspecify.annotations.NullMarked;
