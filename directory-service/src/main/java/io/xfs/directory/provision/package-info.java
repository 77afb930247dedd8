@NullMarked
package io.xfs.directory.provision;

import org.jspecify.annotations.NullMarked;
