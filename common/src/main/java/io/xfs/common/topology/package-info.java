@NullMarked
package io.xfs.common.topology;

import org.jspecify.annotations.NullMarked;
