package io.xfs.proxy.file;

/**
 * What {@link FileService#store} made visible.
 *
 * @param bucket       the bucket
 * @param name         the final name inside the bucket, after the naming rules for an empty name or a
 *                     trailing {@code /} ({@code <dir>/<sha1>.<ext>})
 * @param size         bytes stored
 * @param sha1         hex SHA-1 of the content (the ETag, without quotes)
 * @param sha256       hex SHA-256 of the content (dedup key within the bucket, with the size)
 * @param mime         the content type it will be served with
 * @param deduplicated true when the bucket already held these bytes and no store was written
 */
public record StoredFile(
        String bucket, String name, long size, String sha1, String sha256, String mime, boolean deduplicated) {

    /** The public path, {@code /<prefix>/<bucket>/<name>}. */
    public String path(String prefix) {
        return "/" + prefix + "/" + bucket + "/" + name;
    }
}
