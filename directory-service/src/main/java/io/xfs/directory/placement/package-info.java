@NullMarked
package io.xfs.directory.placement;

import org.jspecify.annotations.NullMarked;
