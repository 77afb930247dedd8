@NullMarked
package io.xfs.common.json;

import org.jspecify.annotations.NullMarked;
