/**
 * The directory's metadata: files by (bucket, name), content records with reference counts (dedup),
 * pending placements and garbage needles, behind {@link io.xfs.directory.metadata.MetadataStore}.
 * No Spring here; backends live in subpackages.
 */
@NullMarked
package io.xfs.directory.metadata;

import org.jspecify.annotations.NullMarked;
