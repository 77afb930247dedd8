package io.xfs.proxy.file;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mapping between content types and file extensions used to name an upload by its SHA-1
 * ({@code image/jpeg} gives {@code jpg}) and to guess a type for a file stored without one. Immutable.
 */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern SIMPLE_SUBTYPE = Pattern.compile("[a-z0-9]{1,10}");
    /** Preferred extension per type; the first type listed for an extension wins when guessing back. */
    private static final Map<String, String> EXTENSION_BY_TYPE = new LinkedHashMap<>();
    private static final Map<String, String> TYPE_BY_EXTENSION = new LinkedHashMap<>();

    static {
        add("image/jpeg", "jpg", "jpeg", "jpe");
        add("image/png", "png");
        add("image/gif", "gif");
        add("image/webp", "webp");
        add("image/bmp", "bmp");
        add("image/svg+xml", "svg");
        add("image/x-icon", "ico");
        add("image/vnd.microsoft.icon", "ico");
        add("image/tiff", "tif", "tiff");
        add("image/avif", "avif");
        add("image/heic", "heic");
        add("text/plain", "txt", "text", "log");
        add("text/html", "html", "htm");
        add("text/css", "css");
        add("text/csv", "csv");
        add("text/markdown", "md");
        add("text/xml", "xml");
        add("application/xml", "xml");
        add("text/javascript", "js", "mjs");
        add("application/javascript", "js");
        add("application/json", "json");
        add("application/pdf", "pdf");
        add("application/zip", "zip");
        add("application/gzip", "gz");
        add("application/x-gzip", "gz");
        add("application/x-tar", "tar");
        add("application/x-7z-compressed", "7z");
        add("application/vnd.rar", "rar");
        add("application/x-rar-compressed", "rar");
        add("application/msword", "doc");
        add("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
        add("application/vnd.ms-excel", "xls");
        add("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
        add("application/vnd.ms-powerpoint", "ppt");
        add("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");
        add("application/vnd.android.package-archive", "apk");
        add("audio/mpeg", "mp3");
        add("audio/ogg", "ogg");
        add("audio/wav", "wav");
        add("audio/x-wav", "wav");
        add("audio/aac", "aac");
        add("audio/flac", "flac");
        add("video/mp4", "mp4");
        add("video/webm", "webm");
        add("video/quicktime", "mov");
        add("video/x-msvideo", "avi");
        add("video/x-flv", "flv");
        add("font/woff", "woff");
        add("font/woff2", "woff2");
        add(OCTET_STREAM, "bin");
    }

    private MimeTypes() {
    }

    private static void add(String type, String... extensions) {
        EXTENSION_BY_TYPE.putIfAbsent(type, extensions[0]);
        for (String extension : extensions) {
            TYPE_BY_EXTENSION.putIfAbsent(extension, type);
        }
    }

    /**
     * The extension for a content type, parameters ignored: a known type's usual extension, else a short
     * alphanumeric subtype as is ({@code image/x-foo} has none, so {@code bin}).
     */
    public static String extensionFor(String contentType) {
        String type = baseType(contentType);
        String known = EXTENSION_BY_TYPE.get(type);
        if (known != null) {
            return known;
        }
        int slash = type.indexOf('/');
        String subtype = slash < 0 ? "" : type.substring(slash + 1);
        return SIMPLE_SUBTYPE.matcher(subtype).matches() ? subtype : "bin";
    }

    /** A content type guessed from a file name's extension, {@code application/octet-stream} if unknown. */
    public static String guessFromName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1 || name.indexOf('/', dot) >= 0) {
            return OCTET_STREAM;
        }
        return TYPE_BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /** The type without parameters, lower case: {@code Text/Plain; charset=utf-8} gives {@code text/plain}. */
    public static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
