package io.xfs.proxy.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of the directory's {@code POST /upload} (docs/CONTRACTS.md).
 *
 * @param sha1          hex SHA-1 of the content, or {@code ""} (a chunk needs none)
 * @param sha256        hex SHA-256 of the content, or {@code ""} for a chunk
 * @param chunk         true for one chunk of a large file: the directory skips its dedup check
 * @param excludeGroups groups a previous attempt failed in, to be avoided
 */
public record PlacementRequest(
        String bucket, String filename, String sha1, String sha256, String mime, long size, boolean chunk,
        List<Integer> excludeGroups) {

    public PlacementRequest {
        excludeGroups = List.copyOf(excludeGroups);
    }

    /** The same request, also avoiding group {@code gid}. */
    public PlacementRequest excluding(int gid) {
        List<Integer> groups = new ArrayList<>(excludeGroups);
        groups.add(gid);
        return new PlacementRequest(bucket, filename, sha1, sha256, mime, size, chunk, groups);
    }
}
