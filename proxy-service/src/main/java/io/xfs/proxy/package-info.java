@NullMarked
package io.xfs.proxy;

import org.jspecify.annotations.NullMarked;
