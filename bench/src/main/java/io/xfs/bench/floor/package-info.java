/**
 * The floor under the proxy's figures: servers that do nothing but HTTP, so that {@code bench/compare.sh} can
 * measure what one exchange costs on the machine, with the same client as nginx and xfs.
 */
@NullMarked
package io.xfs.bench.floor;

import org.jspecify.annotations.NullMarked;
