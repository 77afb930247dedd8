package io.xfs.directory.http;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Listing;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.Placements;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory API (SPEC §4, docs/CONTRACTS.md "Directory"): placements, commits, reads, deletes and
 * listings. Parameters are query parameters or form fields; {@code /commit} takes a JSON body.
 */
@RestController
class DirectoryController {
    private static final int MAX_LIST_LIMIT = 10_000;

    private final Placements placements;
    private final MetadataStore metadata;

    DirectoryController(Placements placements, MetadataStore metadata) {
        this.placements = placements;
        this.metadata = metadata;
    }

    @PostMapping("/upload")
    Placement upload(@RequestParam String bucket,
                     @RequestParam String filename,
                     @RequestParam(required = false) @Nullable String sha1,
                     @RequestParam(required = false) @Nullable String sha256,
                     @RequestParam(required = false) @Nullable String mime,
                     @RequestParam long filesize,
                     @RequestParam(defaultValue = "false") boolean chunk,
                     @RequestParam(name = "exclude_group", required = false) @Nullable List<Integer> excludeGroup) {
        Params.bucket(bucket);
        Params.fileName(filename);
        Params.sha1(sha1);
        Params.size(filesize, "filesize");
        String hash;
        if (sha256 == null || sha256.isEmpty()) {
            if (!chunk) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "parameter 'sha256' is missing");
            }
            hash = "";
        } else {
            hash = Params.sha256(sha256);
        }
        return placements.place(new Placements.Request(bucket, filename, filesize, hash, chunk,
                excludeGroup == null ? Set.of() : new HashSet<>(excludeGroup)));
    }

    @PostMapping("/commit")
    FileView commit(@RequestBody CommitRequest request) {
        Params.bucket(request.bucket());
        Params.fileName(request.filename());
        Params.size(request.size(), "size");
        Params.sha1(request.sha1());
        return placements.commit(request);
    }

    @GetMapping("/get")
    FileView get(@RequestParam String bucket, @RequestParam String filename) {
        Params.bucket(bucket);
        Params.fileName(filename);
        return placements.get(bucket, filename).orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND,
                "no file '" + filename + "' in bucket '" + bucket + "'"));
    }

    @PostMapping("/del")
    Map<String, Object> delete(@RequestParam String bucket, @RequestParam String filename) {
        Params.bucket(bucket);
        long deleted;
        if (filename.isEmpty() || filename.endsWith("/")) {
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

    @GetMapping("/ping")
    Map<String, Integer> ping() {
        return Map.of("code", 0);
    }
}
