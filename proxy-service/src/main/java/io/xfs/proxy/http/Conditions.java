package io.xfs.proxy.http;

import io.xfs.proxy.file.FileInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Conditional request headers (RFC 9110 §13) evaluated against one file version. Stateless. */
final class Conditions {
    private Conditions() {
    }

    /** {@code If-None-Match} (weak comparison), else {@code If-Modified-Since}: true means answer 304. */
    static boolean notModified(HttpServletRequest request, FileInfo file) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.strip();
                if (candidate.equals("*") || opaque(candidate).equals(file.etag())) {
                    return true;
                }
            }
            return false;
        }
        long since = date(request, HttpHeaders.IF_MODIFIED_SINCE);
        return since >= 0 && file.mtime() / 1000 <= since / 1000;
    }

    /** False when an {@code If-Range} validator no longer matches: then the whole file is sent. */
    static boolean rangeApplies(HttpServletRequest request, FileInfo file) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(file.etag()); // strong comparison: a weak tag never matches
        }
        long date = date(request, HttpHeaders.IF_RANGE);
        return date >= 0 && date / 1000 == file.mtime() / 1000;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static long date(HttpServletRequest request, String header) {
        try {
            return request.getDateHeader(header);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
