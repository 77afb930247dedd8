package io.xfs.directory.config;

import io.xfs.common.datadir.DataDirLock;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.fs.PrivateFiles;
import io.xfs.directory.backup.BackupDirectory;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.rocksdb.RocksDbMetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The metadata backend chosen by {@code xfs.meta.backend}; RocksDB lives in {@code <xfs.data-dir>/metadata}.
 * It records file events only when {@code xfs.events.enabled}. Checkpoints go under the backup directory.
 */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

    @Bean
    DataDirLock dataDirLock(ClusterProperties cluster) {
        return DataDirLock.acquire(cluster.dataDir(), "directory");
    }

    @Bean(destroyMethod = "close")
    MetadataStore metadataStore(MetaProperties meta, DataDirLock dataDir, EventsProperties events) {
        if (!meta.backend().equals("rocksdb")) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT,
                    "xfs.meta.backend=" + meta.backend() + " is not available in this build (use rocksdb)");
        }
        Path dir = dataDir.dir().resolve("metadata");
        try {
            // The metadata is the directory user's only (docs/operations.md, "File modes").
            PrivateFiles.createDirectories(dataDir.dir());
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the metadata directory " + dir, e);
        }
        // With events off there is no outbox at all: nothing to grow while no relay drains it.
        return RocksDbMetadataStore.open(dir, RocksDbMetadataStore.Durability.SYNC, events.enabled());
    }

    @Bean
    BackupDirectory backupDirectory(BackupProperties backup, ClusterProperties cluster) {
        Path dir = backup.dir();
        return new BackupDirectory(dir != null ? dir : cluster.dataDir().resolve("backups"));
    }
}
