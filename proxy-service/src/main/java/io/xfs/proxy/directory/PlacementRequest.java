package io.xfs.proxy.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of the directory's {@code POST /upload} (docs/CONTRACTS.md).
 *
 * @param sha1          hex SHA-1 of the content, or {@code ""} (a chunk needs none)
 * @param sha256        hex SHA-256 of the content, or {@code ""} for a chunk
 * @param chunk         true for one chunk of a large file: the directory skips its dedup check
 * @param excludeGroups groups a previous attempt failed in, never to be chosen
 * @param avoidStores   stores ({@code host:port}) whose groups the directory should choose only when no
 *                      other group has room: this proxy's open circuit breakers
 */
public record PlacementRequest(
        String bucket, String filename, String sha1, String sha256, String mime, long size, boolean chunk,
        List<Integer> excludeGroups, List<String> avoidStores) {

    public PlacementRequest {
        excludeGroups = List.copyOf(excludeGroups);
        avoidStores = List.copyOf(avoidStores);
    }

    public PlacementRequest(String bucket, String filename, String sha1, String sha256, String mime, long size,
                            boolean chunk) {
        this(bucket, filename, sha1, sha256, mime, size, chunk, List.of(), List.of());
    }

    /** The same request, also excluding group {@code gid}. */
    public PlacementRequest excluding(int gid) {
        List<Integer> groups = new ArrayList<>(excludeGroups);
        groups.add(gid);
        return new PlacementRequest(bucket, filename, sha1, sha256, mime, size, chunk, groups, avoidStores);
    }

    /** The same request without excluded groups (they may work again after a pause). */
    public PlacementRequest withoutExcludedGroups() {
        return new PlacementRequest(bucket, filename, sha1, sha256, mime, size, chunk, List.of(), avoidStores);
    }

    /** The same request avoiding exactly {@code stores}. */
    public PlacementRequest avoiding(List<String> stores) {
        return new PlacementRequest(bucket, filename, sha1, sha256, mime, size, chunk, excludeGroups, stores);
    }
}
