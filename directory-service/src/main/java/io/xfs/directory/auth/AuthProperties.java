package io.xfs.directory.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.auth.*} as the directory reads it (docs/operations.md).
 *
 * @param region the SigV4 region signatures are scoped to (what clients assume: {@code us-east-1})
 * @param admin  the admin key, which alone may call {@code /auth/**}; its secret also seals access-key
 *               secrets at rest
 */
@ConfigurationProperties("xfs.auth")
public record AuthProperties(@DefaultValue("us-east-1") String region,
                             @DefaultValue Admin admin) {

    /**
     * The admin key, like MinIO's root user: from the environment ({@code XFS_AUTH_ADMIN_ACCESS_KEY},
     * {@code XFS_AUTH_ADMIN_SECRET_KEY}) or a properties file, never a command line.
     *
     * @param accessKey the admin key's id
     * @param secretKey the admin key's secret (at least 16 characters); changing it makes the sealed secrets
     *                  of existing access keys unreadable
     */
    public record Admin(@Nullable String accessKey, @Nullable String secretKey) {

        /** Whether both halves are set. */
        public boolean configured() {
            return accessKey != null && !accessKey.isBlank() && secretKey != null && secretKey.length() >= 16;
        }
    }
}
