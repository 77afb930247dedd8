package io.xfs.sts.fetch;

import java.time.Duration;

/**
 * Bounds on fetching: the most bytes one resource may have, the longest one download may take from
 * connecting to the last byte, and how many downloads run at once (the others queue).
 */
public record FetchLimits(long maxLength, Duration timeout, int maxConcurrent) {
    public FetchLimits {
        if (maxLength <= 0 || timeout.isNegative() || timeout.isZero() || maxConcurrent <= 0) {
            throw new IllegalArgumentException("invalid fetch limits: maxLength=" + maxLength + " timeout=" + timeout
                    + " maxConcurrent=" + maxConcurrent);
        }
    }
}
