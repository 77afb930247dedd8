@NullMarked
package io.xfs.common.zk;

import org.jspecify.annotations.NullMarked;
