@NullMarked
package io.xfs.proxy.config;

import org.jspecify.annotations.NullMarked;
