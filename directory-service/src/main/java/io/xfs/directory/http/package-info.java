@NullMarked
package io.xfs.directory.http;

import org.jspecify.annotations.NullMarked;
