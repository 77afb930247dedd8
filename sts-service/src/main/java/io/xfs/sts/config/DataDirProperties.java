package io.xfs.sts.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.data-dir}: where this sts instance keeps its slot directories.
 *
 * @param dataDir the directory holding the slot directories (created if missing)
 */
@ConfigurationProperties("xfs")
public record DataDirProperties(@DefaultValue("data/sts") Path dataDir) {
}
