/**
 * The Haystack volume engine: append-only volume files of needles, their index files, recovery and
 * online compaction (SPEC §5, docs/storage-format.md). {@link io.xfs.store.volume.Volume} and
 * {@link io.xfs.store.volume.VolumeManager} are the API; everything else here is package-private.
 * No Spring in this package: the service wires it at the edge.
 */
@NullMarked
package io.xfs.store.volume;

import org.jspecify.annotations.NullMarked;
