package io.xfs.common.topology;

/**
 * Status bits of a store or of one of its volumes, as published in ZooKeeper. A volume that is full, or
 * on a full disk, drops {@link #WRITABLE}; a store shutting down drops both before it leaves. A volume
 * the store should hold but cannot serve (missing from its disk, or found corrupt) is published with
 * {@link #DAMAGED} and neither of the other bits, so the directory counts it as a missing replica.
 */
public final class StoreStatus {
    public static final int READABLE = 1;
    public static final int WRITABLE = 2;
    public static final int READ_WRITE = READABLE | WRITABLE;
    /**
     * The store is being drained (docs/operations.md, "Drain"): it serves reads but takes no writes, and
     * the directory copies its volumes elsewhere and then drops its memberships.
     */
    public static final int DRAINING = 4;
    /** A volume the store should hold but cannot serve (see above); published without the other bits. */
    public static final int DAMAGED = 8;

    private StoreStatus() {
    }

    public static boolean readable(int status) {
        return (status & READABLE) != 0;
    }

    public static boolean writable(int status) {
        return (status & WRITABLE) != 0;
    }

    public static boolean draining(int status) {
        return (status & DRAINING) != 0;
    }

    public static boolean damaged(int status) {
        return (status & DAMAGED) != 0;
    }
}
