@NullMarked
package io.xfs.directory.reaper;

import org.jspecify.annotations.NullMarked;
