package io.xfs.sts.config;

import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.tls.Tls;
import io.xfs.common.zk.ZkAccess;
import io.xfs.sts.cluster.Router;
import io.xfs.sts.http.Forwarder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds routing and forwarding, and the ZooKeeper client when {@code xfs.zookeeper.connect} is set (without it
 * the instance runs alone), plus the health indicator that makes readiness depend on that connection.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {
    @Bean
    Router router() {
        return new Router();
    }

    /** The cluster secret, once for the instance (read from its file at startup). */
    @Bean
    InternalAuth internalAuth(SecretProperties secret) {
        return secret.internalAuth();
    }

    @Bean(destroyMethod = "close")
    Forwarder forwarder(StsProperties sts, InternalAuth auth, ObjectProvider<Tls> tls) {
        return new Forwarder(sts.forwardConnectTimeout(), sts.forwardTimeout(),
                auth.signer(InternalRole.STS, "sts"), tls.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "xfs.zookeeper", name = "connect")
    CuratorFramework curator(ZookeeperProperties zookeeper, SecretProperties secret) {
        int sessionMillis = Math.toIntExact(zookeeper.sessionTimeout().toMillis());
        CuratorFramework client = ZkAccess.forSecret(ClusterSecret.text(secret.clusterSecret(), secret.clusterSecretFile())).builder("sts")
                .connectString(zookeeper.connect())
                .sessionTimeoutMs(sessionMillis)
                .connectionTimeoutMs(Math.min(sessionMillis, 15_000))
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
                .build();
        client.start();
        return client;
    }

    @Bean
    ClusterRegistration clusterRegistration(StsProperties sts, Router router,
            ObjectProvider<CuratorFramework> curator) {
        return new ClusterRegistration(sts, router, curator.getIfAvailable());
    }

    /** Ready when ZooKeeper is connected; an instance without ZooKeeper runs alone and is always ready. */
    @Bean
    HealthIndicator zookeeperHealthIndicator(ObjectProvider<CuratorFramework> curator, Router router) {
        return () -> {
            CuratorFramework client = curator.getIfAvailable();
            if (client == null) {
                return Health.up().withDetail("mode", "alone").build();
            }
            Health.Builder health = client.getZookeeperClient().isConnected() ? Health.up() : Health.down();
            return health.withDetail("members", router.members().size()).build();
        };
    }
}
