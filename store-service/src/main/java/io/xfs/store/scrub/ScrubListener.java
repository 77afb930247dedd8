package io.xfs.store.scrub;

import io.xfs.store.volume.Volume;

/**
 * Told of every live needle whose bytes fail their CRC32C when the scrubber re-reads them, and of a volume
 * whose file is damaged beyond one needle. Repair implements it to fetch a good copy from another replica;
 * the default logs. Called on the scrubber's thread: return quickly. Thread-safe implementations only.
 */
public interface ScrubListener {

    void badNeedle(Volume.BadNeedle needle);

    /** The volume file is not even well-formed at some offset ({@code problem} says where); the rest was not checked. */
    default void damagedVolume(int vid, String problem) {
    }
}
