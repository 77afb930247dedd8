package io.xfs.proxy.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.config.ProxyProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Parses the {@code path} parameter with the configured prefixes and spells paths back for headers. */
@Component
class PublicPaths {
    private final List<String> prefixes;

    PublicPaths(ProxyProperties properties) {
        this.prefixes = properties.pathPrefixes();
    }

    /**
     * The request's query, form-decoded. Percent-escapes that are not UTF-8 are {@code INVALID_PATH}: the
     * query's main parameter is a path, and SPEC §3 makes paths UTF-8.
     */
    static QueryString query(@Nullable String rawQuery) {
        try {
            return QueryString.parse(rawQuery);
        } catch (QueryString.NotUtf8 e) {
            throw new XfsException(ErrorCode.INVALID_PATH, "query is not valid UTF-8 after percent-decoding");
        }
    }

    /** Whether the query's path is {@code /<prefix>/}, above every bucket: its listing lists buckets. */
    boolean isRoot(QueryString query) {
        return XfsPath.isRoot(query.first("path"), prefixes);
    }

    XfsPath parse(QueryString query) {
        return XfsPath.parse(query.required("path"), prefixes);
    }

    /** {@code /file?path=<path>} with the path escaped for a query (slashes kept readable). */
    static String location(XfsPath path) {
        return "/file?path=" + URLEncoder.encode(path.toString(), StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
