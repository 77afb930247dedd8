package io.xfs.store.volume;

import org.jspecify.annotations.Nullable;

/**
 * Where one {@link Volume#scrub} call stopped.
 *
 * @param epoch   the volume's epoch the positions belong to (a compaction changes it)
 * @param next    where the next call resumes, or -1 when the volume was read to its end (or changed)
 * @param bytes   volume bytes read by this call
 * @param problem set when the scan met a needle that is not even well-formed (magic, size, footer): the
 *                volume is damaged at {@code next} and the rest of it was not checked
 */
public record ScrubStep(long epoch, long next, long bytes, @Nullable String problem) {
    public boolean done() {
        return next < 0;
    }
}
