/**
 * Background scrubbing: every needle of every volume re-read and its CRC32C checked at a throttled rate
 * ({@link io.xfs.store.scrub.Scrubber}); bad needles go to a {@link io.xfs.store.scrub.ScrubListener}.
 */
@NullMarked
package io.xfs.store.scrub;

import org.jspecify.annotations.NullMarked;
