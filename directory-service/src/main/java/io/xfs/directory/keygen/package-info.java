@NullMarked
package io.xfs.directory.keygen;

import org.jspecify.annotations.NullMarked;
