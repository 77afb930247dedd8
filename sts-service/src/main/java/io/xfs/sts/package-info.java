@NullMarked
package io.xfs.sts;

import org.jspecify.annotations.NullMarked;
