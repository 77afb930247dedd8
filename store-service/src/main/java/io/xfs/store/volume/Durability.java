package io.xfs.store.volume;

/**
 * When an append or delete counts as durable, i.e. when {@link Volume#append} and {@link Volume#delete}
 * return (property {@code xfs.store.durability}).
 */
public enum Durability {
    /** fsync before acknowledging; concurrent writers share one fsync (group commit). The default. */
    FSYNC,
    /** fsync in the background every {@link VolumeOptions#fsyncInterval()}; a crash loses at most that window. */
    INTERVAL,
    /** never fsync (the OS writes back when it likes); for benchmarks, survives a process crash only. */
    NONE
}
