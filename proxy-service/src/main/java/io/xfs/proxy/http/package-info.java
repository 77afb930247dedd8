@NullMarked
package io.xfs.proxy.http;

import org.jspecify.annotations.NullMarked;
