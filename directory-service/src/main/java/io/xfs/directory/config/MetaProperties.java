package io.xfs.directory.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code xfs.meta.*}: which metadata backend the directory uses.
 *
 * @param backend {@code rocksdb} (embedded, under {@code xfs.data-dir}); {@code redis} and {@code mongo}
 *                are reserved for the other backends of SPEC §4
 */
@ConfigurationProperties("xfs.meta")
public record MetaProperties(@DefaultValue("rocksdb") String backend) {
}
