package io.xfs.common.auth.client;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.Grants;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.auth.sigv4.SignedRequests;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.http.client.Request;
import io.xfs.common.http.client.RequestBody;
import io.xfs.common.http.client.Response;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Calls the directory's {@code /auth/**} API, every request signed with the admin key (SigV4). Admin calls
 * answer the directory's JSON as is (the CLI prints it); lookups answer typed values. Failures are
 * {@link XfsException}s with the directory's code, or {@link ErrorCode#DIRECTORY_UNAVAILABLE} when it cannot
 * be reached. Thread-safe.
 */
public final class AuthClient {
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final KeepAliveClient http;
    private final String authority;
    private final SigV4Signer signer;
    private final Clock clock;

    /** @param directory the directory's base URL ({@code http://host:port}) */
    public AuthClient(KeepAliveClient http, URI directory, SigV4Signer signer, Clock clock) {
        this.http = http;
        this.authority = directory.getRawAuthority();
        this.signer = signer;
        this.clock = clock;
    }

    /** A new key with these grants ({@code bucket:perm,perm}); the answer holds its secret. */
    public JsonNode createKey(List<String> grants) {
        Grants.parse(grants);
        StringBuilder query = new StringBuilder();
        for (String grant : grants) {
            query.append(query.isEmpty() ? "?" : "&").append("grant=").append(encode(grant));
        }
        return call("POST", "/auth/admin/keys" + query);
    }

    public JsonNode listKeys() {
        return call("GET", "/auth/admin/keys");
    }

    public JsonNode revokeKey(String id) {
        return call("DELETE", "/auth/admin/keys?id=" + encode(id));
    }

    public JsonNode setPolicy(String bucket, BucketPolicy policy) {
        return call("PUT", "/auth/admin/policy?bucket=" + encode(bucket) + "&policy=" + policy.label());
    }

    public JsonNode listPolicies() {
        return call("GET", "/auth/admin/policy");
    }

    /** The key with its secret, or empty for an unknown or revoked one. */
    public Optional<AccessKey> lookupKey(String id) {
        JsonNode key;
        try {
            key = call("GET", "/auth/key?id=" + encode(id));
        } catch (XfsException e) {
            if (e.errorCode() == ErrorCode.FILE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        List<String> grants = new ArrayList<>();
        key.path("grants").forEach(g -> grants.add(g.asString()));
        boolean admin = key.path("admin").asBoolean(false);
        return Optional.of(new AccessKey(key.path("access_key_id").asString(), key.path("secret_access_key").asString(),
                grants.isEmpty() && admin ? Grants.all() : Grants.parse(grants), key.path("created").asLong(), admin));
    }

    /** Every bucket that is not private, with its policy. */
    public Map<String, BucketPolicy> publicPolicies() {
        Map<String, BucketPolicy> policies = new LinkedHashMap<>();
        call("GET", "/auth/policies").path("policies").properties()
                .forEach(e -> policies.put(e.getKey(), BucketPolicy.of(e.getValue().asString())));
        return policies;
    }

    private JsonNode call(String method, String pathAndQuery) {
        Request request = SignedRequests.sign(new Request(method, authority, pathAndQuery, List.of(),
                RequestBody.empty(), null), signer, clock.instant());
        byte[] body;
        int status;
        try (Response response = http.send(request)) {
            status = response.status();
            body = response.bytes(MAX_ANSWER);
        } catch (IOException e) {
            throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE,
                    "the directory at " + authority + " did not answer " + method + " " + request.path() + ": " + e.getMessage(), e);
        }
        if (status / 100 == 2) {
            return Json.read(body, JsonNode.class);
        }
        ErrorBody error;
        try {
            error = Json.read(body, ErrorBody.class);
        } catch (RuntimeException notJson) {
            throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE, "the directory answered " + status + " to "
                    + method + " " + request.path());
        }
        ErrorCode code = ErrorCode.byCode(error.code()).orElse(ErrorCode.INTERNAL);
        throw new XfsException(code, error.message());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
