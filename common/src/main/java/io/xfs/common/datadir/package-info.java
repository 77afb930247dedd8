/** One data directory, one owner: the exclusive lock every service takes on its data directory. */
@NullMarked
package io.xfs.common.datadir;

import org.jspecify.annotations.NullMarked;
