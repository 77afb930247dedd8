package io.xfs.sts.fetch;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code uri} parameter of the fetch calls: base64 (standard or URL-safe alphabet, padded or not) of an
 * absolute http or https URI with a host. Everything else is a {@link ErrorCode#BAD_ARGUMENT}.
 */
public final class FetchUri {
    /** Longer uris are refused before decoding. */
    public static final int MAX_ENCODED_LENGTH = 16 * 1024;

    private FetchUri() {
    }

    /** Decodes and validates the parameter. */
    public static URI decode(String base64) {
        if (base64.isEmpty()) {
            throw bad("uri is missing");
        }
        if (base64.length() > MAX_ENCODED_LENGTH) {
            throw bad("uri is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        // One alphabet for both: '-' and '_' are URL-safe spellings of '+' and '/'; padding is optional.
        String standard = base64.replace('-', '+').replace('_', '/');
        int end = standard.length();
        while (end > 0 && standard.charAt(end - 1) == '=') {
            end--;
        }
        if (standard.length() - end > 2) {
            throw bad("uri is not base64: too much padding");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(standard.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw bad("uri is not base64: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad("uri is not UTF-8 text");
        }
        return validate(text);
    }

    /** Parses and checks an absolute http(s) URI (also used for redirect targets). */
    public static URI validate(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad("uri is not a valid URI: " + e.getMessage());
        }
        return validate(uri);
    }

    static URI validate(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw bad("uri has no scheme: " + uri);
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw bad("uri scheme '" + scheme + "' is not allowed (http and https only): " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad("uri has no host name: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw bad("uri must not carry user information: " + uri.getHost());
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw bad("uri has an invalid port: " + uri);
        }
        return uri;
    }

    /** The port the uri names, or its scheme's default. */
    public static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return isHttps(uri) ? 443 : 80;
    }

    public static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static XfsException bad(String message) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, message);
    }
}
