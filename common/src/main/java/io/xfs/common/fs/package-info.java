/** File-system helpers shared by the services: private modes for data directories and files. */
@NullMarked
package io.xfs.common.fs;

import org.jspecify.annotations.NullMarked;
