@NullMarked
package io.xfs.bench;

import org.jspecify.annotations.NullMarked;
