@NullMarked
package io.xfs.common.directory;

import org.jspecify.annotations.NullMarked;
