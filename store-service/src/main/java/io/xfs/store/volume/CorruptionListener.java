package io.xfs.store.volume;

/**
 * Told of every needle a read found damaged (its CRC, or its structure, does not match), so that it can
 * be repaired from another replica (docs/operations.md, "Scrub repair"). Called on the reading thread:
 * return at once.
 */
@FunctionalInterface
public interface CorruptionListener {
    void corrupt(int vid, long key, int cookie);
}
