@NullMarked
package io.xfs.standalone;

import org.jspecify.annotations.NullMarked;
