/** Where metadata backups may be written: the configured backup directory and nothing outside it. */
@NullMarked
package io.xfs.directory.backup;

import org.jspecify.annotations.NullMarked;
