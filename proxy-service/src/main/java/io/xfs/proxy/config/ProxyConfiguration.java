package io.xfs.proxy.config;

import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.StoreReplicaClient;
import io.xfs.proxy.file.ProxyCounters;
import io.xfs.proxy.file.ReplicaClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Spring-free proxy parts from {@link ProxyProperties}. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    DirectoryClient directoryClient(ProxyProperties properties) {
        return new DirectoryClient(properties.directory().url(), properties.proxy().connectTimeout(),
                properties.proxy().directoryTimeout(), properties.clusterSecret());
    }

    @Bean
    MetadataCache metadataCache(ProxyProperties properties) {
        return new MetadataCache(properties.proxy().metadataCacheTtl(), properties.proxy().metadataCacheSize(),
                properties.proxy().directoryTimeout());
    }

    @Bean
    ReplicaClient replicaClient(ProxyProperties properties) {
        return new StoreReplicaClient(properties.proxy().connectTimeout(), properties.proxy().storeTimeout(),
                properties.clusterSecret());
    }

    @Bean
    ProxyCounters proxyCounters() {
        return new ProxyCounters();
    }

    @Bean
    FileService fileService(DirectoryClient directory, ReplicaClient replicas, MetadataCache cache,
                            ProxyCounters counters, ProxyProperties properties) {
        FileService.Limits limits = new FileService.Limits((int) properties.chunkSize().toBytes(),
                properties.maxFileSize().toBytes());
        return new FileService(directory, replicas, cache, limits, counters);
    }
}
