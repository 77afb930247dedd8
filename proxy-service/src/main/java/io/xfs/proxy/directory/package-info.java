@NullMarked
package io.xfs.proxy.directory;

import org.jspecify.annotations.NullMarked;
