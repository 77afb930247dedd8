@NullMarked
package io.xfs.directory.config;

import org.jspecify.annotations.NullMarked;
