/** Admin calls under {@code /admin/} and automatic compaction. */
@NullMarked
package io.xfs.store.admin;

import org.jspecify.annotations.NullMarked;
