package io.xfs.proxy.token;

import java.time.Duration;

/**
 * How long a token lives: {@code initial} after its creation, and each successful use pushes the
 * deadline {@code extension} further (seed 004: 120 s and 10 s).
 */
public record TokenLifetime(Duration initial, Duration extension) {
    public TokenLifetime {
        if (initial.isNegative() || initial.isZero() || extension.isNegative()) {
            throw new IllegalArgumentException("token lifetime must be positive and its extension not negative: "
                    + initial + ", " + extension);
        }
    }
}
