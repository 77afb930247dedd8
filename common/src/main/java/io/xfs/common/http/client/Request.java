package io.xfs.common.http.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request: method, target ({@code host:port} and the path with its query, already encoded), extra
 * headers and a body. {@code Host}, {@code Content-Length} and keep-alive are added by the client.
 *
 * @param readTimeout the longest wait for any one read of the answer; null: the client's default
 */
public record Request(String method, String authority, String pathAndQuery, List<Header> headers, RequestBody body,
                      @Nullable Duration readTimeout) {

    public record Header(String name, String value) {
        public Header {
            if (!token(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("bad header: " + name);
            }
        }
    }

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        if (!token(method)) {
            throw new IllegalArgumentException("bad method: " + method);
        }
        if (!pathAndQuery.startsWith("/") || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("the target must start with / and be encoded: " + pathAndQuery);
        }
        headers = List.copyOf(headers);
    }

    public static Request get(String authority, String pathAndQuery) {
        return new Request("GET", authority, pathAndQuery, List.of(), RequestBody.empty(), null);
    }

    public static Request post(String authority, String pathAndQuery, RequestBody body) {
        return new Request("POST", authority, pathAndQuery, List.of(), body, null);
    }

    public Request withHeader(String name, String value) {
        List<Header> more = new java.util.ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Request(method, authority, pathAndQuery, more, body, readTimeout);
    }

    public Request withMethod(String newMethod) {
        return new Request(newMethod, authority, pathAndQuery, headers, body, readTimeout);
    }

    public Request withReadTimeout(Duration timeout) {
        return new Request(method, authority, pathAndQuery, headers, body, timeout);
    }

    /** The path without its query, for messages. */
    public String path() {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }

    boolean expectsNoBody() {
        return method.equals("HEAD");
    }

    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
