@NullMarked
package io.xfs.directory;

import org.jspecify.annotations.NullMarked;
