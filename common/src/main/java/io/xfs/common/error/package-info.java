@NullMarked
package io.xfs.common.error;

import org.jspecify.annotations.NullMarked;
