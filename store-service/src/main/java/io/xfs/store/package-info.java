@NullMarked
package io.xfs.store;

import org.jspecify.annotations.NullMarked;
