@NullMarked
package io.xfs.directory.topology;

import org.jspecify.annotations.NullMarked;
