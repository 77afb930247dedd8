package io.xfs.proxy.http;

import io.xfs.common.path.XfsPath;
import io.xfs.proxy.config.ProxyProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/** Parses the {@code path} parameter with the configured prefixes and spells paths back for headers. */
@Component
class PublicPaths {
    private final List<String> prefixes;

    PublicPaths(ProxyProperties properties) {
        this.prefixes = properties.pathPrefixes();
    }

    XfsPath parse(RawQuery query) {
        return XfsPath.parse(query.required("path"), prefixes);
    }

    /** {@code /file?path=<path>} with the path escaped for a query (slashes kept readable). */
    static String location(XfsPath path) {
        return "/file?path=" + URLEncoder.encode(path.toString(), StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
