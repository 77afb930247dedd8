package io.xfs.directory.auth;

import io.xfs.common.auth.access.AccessKey;
import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.Grants;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key calls (docs/api.md, "Access keys and policies"): {@code /auth/admin/keys} (create, list, revoke),
 * {@code /auth/admin/policy} (set, list), and the proxies' lookups {@code /auth/key} and {@code /auth/policies}.
 * Everything is in the query, so a SigV4 signature covers all of it. {@link AdminKeyInterceptor} guards them.
 */
@RestController
class AuthController {
    private final AccessKeys keys;

    AuthController(AccessKeys keys) {
        this.keys = keys;
    }

    /** {@code POST /auth/admin/keys?grant=photos:read,list&grant=...}: the new key, its secret shown once. */
    @PostMapping("/auth/admin/keys")
    Map<String, Object> create(HttpServletRequest request) {
        List<String> grants = QueryString.parse(request.getQueryString()).all("grant");
        AccessKey key = keys.create(Grants.parse(grants));
        Map<String, Object> answer = view(key.id(), key.grants().specs(), key.createdMillis());
        answer.put("secret_access_key", key.secret());
        return answer;
    }

    @GetMapping("/auth/admin/keys")
    Map<String, Object> list() {
        return Map.of("keys", keys.list().stream().map(k -> view(k.id(), k.grants(), k.createdMillis())).toList());
    }

    /** {@code DELETE /auth/admin/keys?id=...}: the key stops working within the proxies' cache time (5 s). */
    @DeleteMapping("/auth/admin/keys")
    Map<String, Object> revoke(HttpServletRequest request) {
        String id = required(request, "id");
        if (!keys.revoke(id)) {
            throw new XfsException(ErrorCode.FILE_NOT_FOUND, "no access key " + id);
        }
        return Map.of("access_key_id", id, "revoked", true);
    }

    /** {@code PUT /auth/admin/policy?bucket=photos&policy=public-read} (or {@code private}). */
    @PutMapping("/auth/admin/policy")
    Map<String, Object> setPolicy(HttpServletRequest request) {
        String bucket = required(request, "bucket");
        BucketPolicy policy = BucketPolicy.of(required(request, "policy"));
        keys.setPolicy(bucket, policy);
        return Map.of("bucket", bucket, "policy", policy.label());
    }

    @GetMapping("/auth/admin/policy")
    Map<String, Object> listPolicies() {
        return Map.of("policies", labels(keys.policies()));
    }

    /** {@code GET /auth/key?id=...}: a key with its secret, for a proxy to check signatures; 404 if none. */
    @GetMapping("/auth/key")
    Map<String, Object> lookup(HttpServletRequest request) {
        String id = required(request, "id");
        AccessKey key = keys.lookup(id).orElseThrow(() -> new XfsException(ErrorCode.FILE_NOT_FOUND, "no access key " + id));
        Map<String, Object> answer = view(key.id(), key.grants().specs(), key.createdMillis());
        answer.put("secret_access_key", key.secret());
        answer.put("admin", key.admin());
        return answer;
    }

    /** {@code GET /auth/policies}: every bucket that is not private, with its policy. */
    @GetMapping("/auth/policies")
    Map<String, Object> policies() {
        return Map.of("policies", labels(keys.policies()));
    }

    private static Map<String, String> labels(Map<String, BucketPolicy> policies) {
        Map<String, String> labels = new LinkedHashMap<>();
        policies.forEach((bucket, policy) -> labels.put(bucket, policy.label()));
        return labels;
    }

    private static Map<String, Object> view(String id, List<String> grants, long createdMillis) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("access_key_id", id);
        view.put("grants", grants);
        view.put("created", createdMillis);
        return view;
    }

    private static String required(HttpServletRequest request, String name) {
        String value = QueryString.parse(request.getQueryString()).first(name);
        if (value == null || value.isBlank()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "missing parameter " + name);
        }
        return value;
    }
}
