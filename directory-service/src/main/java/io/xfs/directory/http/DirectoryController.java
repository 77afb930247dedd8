package io.xfs.directory.http;

import io.xfs.common.directory.BucketPage;
import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.metadata.MetadataStore;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory API's calls that are not on the proxy's hot path (SPEC §4, docs/CONTRACTS.md "Directory"):
 * deletes, listings and the ping. Parameters are query parameters or form fields. {@code /upload},
 * {@code /commit} and {@code /get} are plain servlets ({@link JsonCallServlet}).
 */
@RestController
class DirectoryController {
    private static final int MAX_LIST_LIMIT = 10_000;

    private final MetadataStore metadata;

    DirectoryController(MetadataStore metadata) {
        this.metadata = metadata;
    }

    @PostMapping("/del")
    Map<String, Object> delete(@RequestParam String bucket, @RequestParam String filename) {
        Params.bucket(bucket);
        if (filename.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "filename is empty: /del deletes a file or a directory "
                    + "(name/); a whole bucket is POST /admin/delete_bucket?bucket=" + bucket);
        }
        long deleted;
        if (filename.endsWith("/")) {
            deleted = metadata.deleteRecursively(bucket, Params.dirName(filename));
        } else {
            deleted = metadata.delete(bucket, Params.fileName(filename)) ? 1 : 0;
        }
        if (deleted == 0) {
            throw new XfsException(ErrorCode.FILE_NOT_FOUND, "nothing named '" + filename + "' in bucket '"
                    + bucket + "'");
        }
        return Map.of("ret", 1, "deleted", deleted);
    }

    @GetMapping("/list")
    Listing list(@RequestParam String bucket,
                 @RequestParam(defaultValue = "") String dir,
                 @RequestParam(defaultValue = "1000") int limit,
                 @RequestParam(required = false) @Nullable String marker) {
        Params.bucket(bucket);
        Params.dirName(dir);
        Params.range(limit, 1, MAX_LIST_LIMIT, "limit");
        return metadata.list(bucket, dir, marker == null || marker.isEmpty() ? null : marker, limit);
    }

    /** The buckets that hold files, in name order: the proxy's root listing ({@code /fileinfo?path=/xfs/}). */
    @GetMapping("/buckets")
    BucketPage buckets(@RequestParam(defaultValue = "1000") int limit,
                       @RequestParam(required = false) @Nullable String marker) {
        Params.range(limit, 1, MAX_LIST_LIMIT, "limit");
        // One more than asked for: next_marker only when another page really follows.
        List<String> buckets = metadata.buckets(marker == null || marker.isEmpty() ? null : marker, limit + 1);
        return buckets.size() > limit ? new BucketPage(buckets.subList(0, limit), buckets.get(limit - 1))
                : new BucketPage(buckets, null);
    }

    @GetMapping("/ping")
    Map<String, Integer> ping() {
        return Map.of("code", 0);
    }
}
