package io.xfs.proxy.config;

import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.datadir.DataDirLock;
import io.xfs.common.tls.Tls;
import io.xfs.proxy.directory.DirectoryClient;
import io.xfs.proxy.directory.MetadataCache;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.StoreReplicaClient;
import io.xfs.proxy.file.ProxyCounters;
import io.xfs.proxy.file.ReplicaClient;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the Spring-free proxy parts from {@link ProxyProperties}. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    /** The proxy keeps files (the mas spool) only under {@code xfs.data-dir}, and owns it only when it has one. */
    @Bean
    @ConditionalOnProperty("xfs.data-dir")
    DataDirLock dataDirLock(Environment environment) {
        return DataDirLock.acquire(Path.of(environment.getRequiredProperty("xfs.data-dir")), "proxy");
    }

    /** Signs the proxy's calls to the directory and the stores (null without a cluster secret). */
    @Bean
    InternalAuth internalAuth(ProxyProperties properties) {
        return properties.internalAuth();
    }

    @Bean
    DirectoryClient directoryClient(ProxyProperties properties, InternalAuth auth, ObjectProvider<Tls> tls) {
        return new DirectoryClient(properties.directory().url(), properties.proxy().connectTimeout(),
                properties.proxy().directoryTimeout(), auth.signer(InternalRole.PROXY, "proxy"), tls.getIfAvailable());
    }

    @Bean
    MetadataCache metadataCache(ProxyProperties properties) {
        return new MetadataCache(properties.proxy().metadataCacheTtl(), properties.proxy().metadataCacheSize(),
                properties.proxy().directoryTimeout());
    }

    @Bean
    ReplicaClient replicaClient(ProxyProperties properties, InternalAuth auth, ObjectProvider<Tls> tls) {
        return new StoreReplicaClient(properties.proxy().connectTimeout(), properties.proxy().storeTimeout(),
                auth.signer(InternalRole.PROXY, "proxy"), tls.getIfAvailable());
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
        return new FileService(directory, replicas, cache, limits, counters, new FileService.ReadBudget(
                properties.proxy().readBufferBudget().toBytes(), properties.proxy().readBufferWait()),
                new FileService.WriteRetry(properties.proxy().writeRetryBudget(), properties.proxy().breakerCoolDown()));
    }
}
