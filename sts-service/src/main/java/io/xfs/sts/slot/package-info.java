/**
 * Time-slot storage of temporary files: a directory per slot under the data directory, whole slots
 * deleted once past the retention, metadata in memory rebuilt from the directories at start. Spring-free.
 */
@NullMarked
package io.xfs.sts.slot;

import org.jspecify.annotations.NullMarked;
