@NullMarked
package io.xfs.proxy.file;

import org.jspecify.annotations.NullMarked;
