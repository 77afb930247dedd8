package io.xfs.directory.repair;

/**
 * A directory's hold on repairing one volume ({@link RepairLeases}).
 *
 * @param vid     the volume
 * @param token   the fencing token: the lease node's version when it was taken; every later owner's is higher
 * @param version the lease node's version now (renewals move it); the membership change checks it
 */
public record RepairLease(int vid, long token, int version) {
}
