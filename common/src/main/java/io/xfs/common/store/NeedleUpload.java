package io.xfs.common.store;

/**
 * One needle of a batch upload ({@link StoreClient#uploadAll}). The array is not copied: the caller must not
 * change it until the call returns.
 */
public record NeedleUpload(long key, int cookie, byte[] data) {
}
