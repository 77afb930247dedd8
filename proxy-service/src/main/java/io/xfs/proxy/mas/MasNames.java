package io.xfs.proxy.mas;

import io.xfs.proxy.file.MimeTypes;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns what a browser sends (a file name with a path, a content type) into safe values to store. */
final class MasNames {
    private static final int MAX_NAME_BYTES = 255;
    private static final Pattern MIME = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+");

    private MasNames() {
    }

    /**
     * The last segment of {@code raw} (browsers may send a whole path), without control characters, at
     * most 255 UTF-8 bytes; {@code fallback} when nothing usable is left.
     */
    static String fileName(@Nullable String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_NAME_BYTES) {
                break;
            }
            clean.appendCodePoint(cp);
            bytes += size;
        }
        String result = clean.toString().strip();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? fallback : result;
    }

    /** {@code declared} if it is a well-formed {@code type/subtype}, else a guess from the name. */
    static String mime(@Nullable String declared, String name) {
        if (declared != null) {
            String bare = declared.split(";", 2)[0].strip();
            if (MIME.matcher(bare).matches() && !bare.equalsIgnoreCase(MimeTypes.OCTET_STREAM)) {
                return declared.strip();
            }
        }
        return MimeTypes.guessFromName(name);
    }
}
