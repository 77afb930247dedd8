package io.xfs.store.volume;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One needle of a batch for {@link Volume#appendAll}. The data buffer is read from its position to its
 * limit and not modified (the volume reads a duplicate).
 */
public record NeedleWrite(long key, int cookie, ByteBuffer data) {
    public NeedleWrite {
        Objects.requireNonNull(data, "data");
    }
}
