/** The embedded RocksDB backend of the metadata store (the default, for a single directory). */
@NullMarked
package io.xfs.directory.metadata.rocksdb;

import org.jspecify.annotations.NullMarked;
