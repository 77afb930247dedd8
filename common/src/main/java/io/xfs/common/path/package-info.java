@NullMarked
package io.xfs.common.path;

import org.jspecify.annotations.NullMarked;
