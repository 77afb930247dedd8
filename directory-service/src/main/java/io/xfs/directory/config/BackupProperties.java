package io.xfs.directory.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code xfs.backup.*}: where {@code POST /admin/backup} may write.
 *
 * @param dir the only directory metadata checkpoints are written under; a call's {@code dir} is resolved
 *            relative to it and may not leave it. Unset: {@code <xfs.data-dir>/backups}
 */
@ConfigurationProperties("xfs.backup")
public record BackupProperties(@Nullable Path dir) {
}
