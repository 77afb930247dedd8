@NullMarked
package io.xfs.common.http;

import org.jspecify.annotations.NullMarked;
