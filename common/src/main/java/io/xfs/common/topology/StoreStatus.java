package io.xfs.common.topology;

/**
 * Status bits of a store or of one of its volumes, as published in ZooKeeper. A volume that is full, or
 * on a full disk, drops {@link #WRITABLE}; a store shutting down drops both before it leaves.
 */
public final class StoreStatus {
    public static final int READABLE = 1;
    public static final int WRITABLE = 2;
    public static final int READ_WRITE = READABLE | WRITABLE;

    private StoreStatus() {
    }

    public static boolean readable(int status) {
        return (status & READABLE) != 0;
    }

    public static boolean writable(int status) {
        return (status & WRITABLE) != 0;
    }
}
