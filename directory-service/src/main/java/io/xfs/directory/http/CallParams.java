package io.xfs.directory.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a call served by a plain servlet: the query string, plus the fields of a form body on
 * a POST (as the calls served by Spring MVC accept them). Values convert as Spring MVC's
 * {@code @RequestParam} converts them, with the same messages ({@link ErrorAdvice}): a repeated text
 * parameter reads as its values joined by {@code ,}, a number or flag as its first value (trimmed), a list
 * of numbers as every value split at {@code ,}. One per request.
 */
final class CallParams {
    /** Tomcat's default {@code maxPostSize}, which bounded form bodies before. */
    private static final int MAX_FORM_BYTES = 2 << 20;

    private final QueryString query;

    private CallParams(QueryString query) {
        this.query = query;
    }

    /**
     * Reads the request's parameters; a form body is consumed.
     *
     * @throws XfsException {@link ErrorCode#BAD_ARGUMENT} for a malformed escape or a form body over 2 MiB
     */
    static CallParams of(HttpServletRequest request) throws IOException {
        String query = request.getQueryString();
        if (request.getMethod().equals("POST") && isForm(request.getContentType())) {
            byte[] form = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            if (form.length > MAX_FORM_BYTES) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "form body larger than " + MAX_FORM_BYTES + " bytes");
            }
            String fields = new String(form, StandardCharsets.UTF_8);
            query = query == null || query.isEmpty() ? fields : query + "&" + fields;
        }
        return parse(query);
    }

    /** Decodes a query as {@link QueryString#parse} does: {@code +} is a space, {@code %XX} escapes must form UTF-8. */
    static CallParams parse(@Nullable String query) {
        return new CallParams(QueryString.parse(query));
    }

    private static boolean isForm(@Nullable String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    /** A required text parameter ({@code ""} allowed). */
    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    @Nullable String optionalText(String name) {
        List<String> all = query.all(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    /** A required integer, decimal or {@code 0x}/{@code #} hexadecimal, with an optional sign. */
    long longValue(String name) {
        String raw = query.first(name);
        if (raw == null) {
            throw missing(name);
        }
        try {
            return decode(raw.trim());
        } catch (NumberFormatException e) {
            throw badValue(name, raw);
        }
    }

    /** A flag: {@code true/on/yes/1} or {@code false/off/no/0} in any case; false when absent or empty. */
    boolean flag(String name) {
        String raw = query.first(name);
        String value = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false", "off", "no", "0" -> false;
            case "true", "on", "yes", "1" -> true;
            default -> throw badValue(name, raw);
        };
    }

    /** Every value of a repeatable text parameter, each also split at {@code ,}, without empty ones. */
    List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        for (String value : query.all(name)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.trim());
                }
            }
        }
        return texts;
    }

    /** Every value of a repeatable integer parameter, each also split at {@code ,}; empty when absent. */
    List<Integer> ints(String name) {
        List<Integer> ints = new ArrayList<>();
        for (String value : query.all(name)) {
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    long n = decode(trimmed);
                    if (n != (int) n) {
                        throw new NumberFormatException();
                    }
                    ints.add((int) n);
                } catch (NumberFormatException e) {
                    throw badValue(name, value);
                }
            }
        }
        return ints;
    }

    private static long decode(String value) {
        int digits = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        boolean hex = value.startsWith("0x", digits) || value.startsWith("0X", digits) || value.startsWith("#", digits);
        return hex ? Long.decode(value) : Long.parseLong(value);
    }

    static XfsException missing(String name) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' is missing");
    }

    static XfsException badValue(String name, @Nullable Object value) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "parameter '" + name + "' has a bad value: " + value);
    }
}
