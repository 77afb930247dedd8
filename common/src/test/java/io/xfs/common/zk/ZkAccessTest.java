package io.xfs.common.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real in-process ZooKeeper: only holders of the cluster secret change (or read) xfs's znodes. */
class ZkAccessTest {
    private TestingServer server;

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        server.close();
    }

    private CuratorFramework client(ZkAccess access) {
        CuratorFramework zk = access.builder("test")
                .connectString(server.getConnectString())
                .sessionTimeoutMs(2_000)
                .connectionTimeoutMs(1_000)
                .retryPolicy(new RetryOneTime(50))
                .build();
        zk.start();
        return zk;
    }

    @Test
    void znodesOfALockedClusterRefuseClientsWithoutTheSecret() throws Exception {
        try (CuratorFramework xfs = client(ZkAccess.forSecret("s3cret"));
                CuratorFramework anonymous = client(ZkAccess.forSecret(null));
                CuratorFramework wrong = client(ZkAccess.forSecret("guess"))) {
            xfs.create().creatingParentsIfNeeded().forPath(ZkPaths.group(1), "g".getBytes(StandardCharsets.UTF_8));
            xfs.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(ZkPaths.rackStore("r1", "s1"));

            for (CuratorFramework outsider : new CuratorFramework[] {anonymous, wrong}) {
                assertThatThrownBy(() -> outsider.create().forPath(ZkPaths.groupStore(1, "fake")))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> outsider.create().forPath(ZkPaths.rackStore("r1", "fake")))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> outsider.setData().forPath(ZkPaths.group(1), new byte[] {1}))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> outsider.delete().forPath(ZkPaths.rackStore("r1", "s1")))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> outsider.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE)
                        .forPath(ZkPaths.group(1))).isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> outsider.getData().forPath(ZkPaths.group(1)))
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
            // Parents made on the way carry the ACL too, and the secret's holders keep every right.
            assertThat(xfs.getACL().forPath(ZkPaths.GROUP)).isEqualTo(ZkAccess.forSecret("s3cret").acl());
            assertThat(xfs.getData().forPath(ZkPaths.group(1))).isEqualTo("g".getBytes(StandardCharsets.UTF_8));
            xfs.delete().forPath(ZkPaths.rackStore("r1", "s1"));
        }
    }

    @Test
    void anotherServiceWithTheSameSecretSharesTheTree() throws Exception {
        try (CuratorFramework directory = client(ZkAccess.forSecret("s3cret"));
                CuratorFramework store = client(ZkAccess.forSecret("s3cret"))) {
            directory.create().creatingParentsIfNeeded().forPath(ZkPaths.group(7));
            store.create().forPath(ZkPaths.groupStore(7, "s1"));
            assertThat(directory.getChildren().forPath(ZkPaths.group(7))).containsExactly("s1");
        }
    }

    @Test
    void znodesMadeBeforeTheSecretAreLockedOnRequest() throws Exception {
        ZkAccess locked = ZkAccess.forSecret("s3cret");
        try (CuratorFramework before = client(ZkAccess.forSecret(null)); CuratorFramework xfs = client(locked)) {
            before.create().creatingParentsIfNeeded().forPath(ZkPaths.groupStore(1, "s1"));
            xfs.create().forPath(ZkPaths.group(2));

            assertThat(locked.lockOpenZnodes(xfs, ZkPaths.GROUP, "/nothing-here")).isEqualTo(3);
            assertThat(xfs.getACL().forPath(ZkPaths.groupStore(1, "s1"))).isEqualTo(locked.acl());
            assertThatThrownBy(() -> before.create().forPath(ZkPaths.groupStore(1, "fake")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> before.delete().forPath(ZkPaths.groupStore(1, "s1")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThat(locked.lockOpenZnodes(xfs, ZkPaths.GROUP)).as("nothing left open").isZero();
            assertThat(ZkAccess.forSecret(null).lockOpenZnodes(before, ZkPaths.GROUP)).isZero();
        }
    }

    @Test
    void withoutASecretZnodesStayOpen() throws Exception {
        ZkAccess open = ZkAccess.forSecret(" ");
        assertThat(open.locked()).isFalse();
        try (CuratorFramework xfs = client(open); CuratorFramework other = client(ZkAccess.forSecret(null))) {
            xfs.create().creatingParentsIfNeeded().forPath(ZkPaths.group(1));
            other.create().forPath(ZkPaths.groupStore(1, "s1"));
            assertThat(xfs.getACL().forPath(ZkPaths.group(1))).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        }
    }

    @Test
    void theDigestPasswordIsDerivedNotTheSecretItself() {
        String credentials = ZkAccess.forSecret("s3cret").credentials();
        assertThat(credentials).startsWith(ZkAccess.USER + ":").doesNotContain("s3cret");
        assertThat(credentials).isNotEqualTo(ZkAccess.forSecret("s3cret2").credentials());
        // docs/operations.md derives the same password with openssl, to lock an existing tree by hand.
        assertThat(credentials).isEqualTo("xfs:1VQFKraWbk6sCNAfgdLGzwegNZP9UGogAp67srIjY4M");
    }
}
