package io.xfs.common.directory;

import java.util.List;

/**
 * Body of the directory's {@code POST /commit}: make {@code bucket/filename} visible, atomically
 * replacing an older version.
 *
 * <p>{@code chunks} are the placements the caller wrote, in file order (their sizes add up to
 * {@code size}); empty when {@code dedup} is true, in which case the content already stored in the bucket
 * under {@code sha256}+{@code size} is referenced instead (409 if it vanished meanwhile). If the content
 * turns out to exist already, the directory references it and the just-written chunks become garbage.
 *
 * @param mime   content type to serve the file with
 * @param sha1   hex SHA-1 of the whole file (the ETag)
 * @param sha256 hex SHA-256 of the whole file (dedup key, with size)
 */
public record CommitRequest(
        String bucket,
        String filename,
        long size,
        String mime,
        String sha1,
        String sha256,
        boolean dedup,
        List<NeedleRef> chunks) {

    public CommitRequest {
        chunks = chunks.stream().map(NeedleRef::withoutStores).toList();
    }
}
