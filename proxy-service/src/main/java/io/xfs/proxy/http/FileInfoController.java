package io.xfs.proxy.http;

import io.xfs.common.directory.BucketPage;
import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.http.XfsHeaders;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.auth.ProxyAuthProperties;
import io.xfs.proxy.auth.RequestGuard;
import io.xfs.proxy.file.FileInfo;
import io.xfs.proxy.file.FileService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET}/{@code HEAD /fileinfo} (SPEC §3): a file's size, one page of a directory, or at the root
 * ({@code /xfs/}) one page of buckets. HEAD has no body, so a file's size is answered in {@code X-Xfs-Filesize}.
 */
@RestController
class FileInfoController {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=utf-8");

    private final FileService files;
    private final PublicPaths paths;
    private final boolean authEnabled;

    FileInfoController(FileService files, PublicPaths paths, ProxyAuthProperties auth) {
        this.files = files;
        this.paths = paths;
        this.authEnabled = auth.enabled();
    }

    @RequestMapping(path = "/fileinfo", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<Map<String, Object>> info(HttpServletRequest request) {
        QueryString query = PublicPaths.query(request.getQueryString());
        boolean head = request.getMethod().equals("HEAD");
        if (paths.isRoot(query)) {
            return buckets(request, query, head);
        }
        XfsPath path = paths.parse(query);
        if (path.isDirectory()) {
            return directory(path, query, head);
        }
        FileInfo file = files.open(path.bucket(), path.name());
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(JSON_UTF8)
                .header(XfsHeaders.FILESIZE, Long.toString(file.size()));
        return head ? answer.build() : answer.body(Map.of("filesize", file.size()));
    }

    /**
     * {@code /fileinfo?path=/xfs/}: the buckets that hold files and that the caller may list (docs/api.md,
     * "Access keys and policies"): the guard says which; with auth on and no word from it, none.
     */
    private ResponseEntity<Map<String, Object>> buckets(HttpServletRequest request, QueryString query, boolean head) {
        int limit = (int) query.longValue("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String marker = query.first("marker");
        @SuppressWarnings("unchecked")
        Predicate<String> listable = (Predicate<String>) request.getAttribute(RequestGuard.LISTABLE_BUCKETS);
        if (listable == null) {
            listable = bucket -> !authEnabled;
        }
        BucketPage page = files.buckets(limit, marker == null || marker.isEmpty() ? null : marker);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(JSON_UTF8);
        if (head) {
            return answer.build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dir", "/");
        body.put("buckets", page.buckets().stream().filter(listable).toList());
        if (page.nextMarker() != null) {
            body.put("next_marker", page.nextMarker());
        }
        return answer.body(body);
    }

    private ResponseEntity<Map<String, Object>> directory(XfsPath path, QueryString query, boolean head) {
        int limit = (int) query.longValue("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String marker = query.first("marker");
        if (marker != null && marker.isEmpty()) {
            marker = null;
        }
        Listing listing = files.list(path.bucket(), path.name(), limit, marker);
        if (marker == null && listing.files().isEmpty() && listing.subdirs().isEmpty()) {
            throw new XfsException(ErrorCode.FILE_NOT_FOUND, "no directory " + path + " (nothing is stored below it)");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(JSON_UTF8);
        if (head) {
            return answer.build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dir", "/" + path.name());
        body.put("files", listing.files());
        body.put("subdirs", listing.subdirs());
        if (listing.nextMarker() != null) {
            body.put("next_marker", listing.nextMarker());
        }
        return answer.body(body);
    }
}
