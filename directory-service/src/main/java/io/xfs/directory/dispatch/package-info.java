@NullMarked
package io.xfs.directory.dispatch;

import org.jspecify.annotations.NullMarked;
