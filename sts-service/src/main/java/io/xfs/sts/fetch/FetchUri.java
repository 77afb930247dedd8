package io.xfs.sts.fetch;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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
            // java.net.URI reads some spellings (127.1, 2130706433) as no host at all.
            throw bad("uri host is missing or not a host name: " + uri);
        }
        checkHostSpelling(uri.getHost());
        if (uri.getRawUserInfo() != null) {
            throw bad("uri must not carry user information: " + uri.getHost());
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw bad("uri has an invalid port: " + uri);
        }
        return uri;
    }

    /**
     * Refuses host spellings that clients read differently, before any name lookup: an IPv4 address must be
     * four decimal numbers 0-255 without leading zeros. {@code 0177.0.0.1} is 127.0.0.1 to curl and browsers
     * (octal) but was 177.0.0.1 to the JDK; {@code 0x7f.1}, {@code 127.1} and {@code 2130706433} are
     * 127.0.0.1 to them too. As the WHATWG URL standard does, a host whose last label is a number (decimal or
     * {@code 0x} hex) is an IPv4 address and must then be canonical. A trailing dot is refused too: it
     * names the same host as without it but would not match an {@code allow-hosts} entry. IPv6 literals that
     * embed an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}) are refused, as
     * their reading depends on the stack. See docs/api.md "sts".
     */
    private static void checkHostSpelling(String host) {
        if (host.startsWith("[")) {
            checkIpv6Literal(host.substring(1, host.length() - 1));
            return;
        }
        if (host.endsWith(".")) {
            throw bad("uri host must not end with '.': " + host);
        }
        String[] labels = host.split("\\.", -1);
        if (!isNumber(labels[labels.length - 1])) {
            return; // a name, resolved and checked by the AddressGuard
        }
        if (labels.length != 4) {
            throw ambiguous(host);
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')
                    || label.length() > 1 && label.charAt(0) == '0' || Integer.parseInt(label) > 255) {
                throw ambiguous(host);
            }
        }
    }

    /** A label a URL parser reads as a number: decimal digits, or {@code 0x} and hex digits (maybe none). */
    private static boolean isNumber(String label) {
        if (label.length() >= 2 && label.charAt(0) == '0' && (label.charAt(1) == 'x' || label.charAt(1) == 'X')) {
            return label.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !label.isEmpty() && label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void checkIpv6Literal(String literal) {
        if (literal.indexOf('.') >= 0) {
            throw bad("uri host is an IPv6 literal with an embedded IPv4 address, which is ambiguous: ["
                    + literal + "]");
        }
        String lower = literal.toLowerCase(Locale.ROOT);
        int zone = lower.indexOf('%');
        byte[] bytes;
        try {
            // A literal with ':' is parsed, never looked up.
            bytes = InetAddress.getByName(zone < 0 ? lower : lower.substring(0, zone)).getAddress();
        } catch (UnknownHostException e) {
            throw bad("uri host is not a valid IPv6 literal: [" + literal + "]");
        }
        if (bytes.length == 4) {
            throw bad("uri host is an IPv4-mapped IPv6 literal, which is ambiguous: [" + literal + "]");
        }
    }

    private static XfsException ambiguous(String host) {
        return bad("uri host '" + host + "' is an ambiguous numeric address: write IPv4 as four decimal numbers"
                + " 0-255 without leading zeros");
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
