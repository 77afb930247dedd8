package io.xfs.common.zk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may change xfs's znodes (docs/operations.md, "ZooKeeper"). With a cluster secret, every client
 * authenticates with ZooKeeper's {@code digest} scheme as user {@value #USER} and every znode it creates
 * carries one ACL: that digest, all rights. No world READ either: every xfs service that talks to
 * ZooKeeper holds the secret, and the znodes hold internal addresses. Without a secret, znodes stay
 * open ({@code world:anyone}) as before, with a warning.
 *
 * <p>The digest password is derived from the secret (HMAC-SHA256), not the secret itself: ZooKeeper's
 * digest authentication sends the password in clear on the ZooKeeper connection, and the cluster
 * secret also signs internal HTTP calls. Immutable and thread-safe.
 */
public final class ZkAccess {
    /** The digest user xfs services authenticate as. */
    public static final String USER = "xfs";
    private static final String SCHEME = "digest";
    private static final Logger LOG = LoggerFactory.getLogger(ZkAccess.class);

    private final @Nullable String password;
    private final ACLProvider acls;

    private ZkAccess(@Nullable String password, ACLProvider acls) {
        this.password = password;
        this.acls = acls;
    }

    /** Access for {@code clusterSecret}; null or blank: open znodes. */
    public static ZkAccess forSecret(@Nullable String clusterSecret) {
        if (clusterSecret == null || clusterSecret.isBlank()) {
            return new ZkAccess(null, new DefaultACLProvider());
        }
        String password = password(clusterSecret);
        // Not List.of: ZooKeeper asks the list contains(null), which List.of answers with an NPE.
        List<ACL> acl = Collections.unmodifiableList(
                new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id(SCHEME, digest(password))))));
        return new ZkAccess(password, new FixedAcl(acl));
    }

    /**
     * A Curator builder that authenticates and sets these ACLs on every znode it creates (parents made by
     * {@code creatingParentsIfNeeded} included); warns, naming {@code service}, when znodes stay open.
     */
    public CuratorFrameworkFactory.Builder builder(String service) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().aclProvider(acls);
        if (password == null) {
            LOG.warn("{}: no xfs.cluster-secret, so xfs's ZooKeeper znodes are open to anyone who reaches "
                    + "ZooKeeper (world:anyone); set a cluster secret to lock them (docs/operations.md)", service);
            return builder;
        }
        return builder.authorization(SCHEME, credentials().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets this ACL on every znode under {@code roots} that is still open ({@code world:anyone} all rights),
     * for znodes created before the cluster had a secret: ACLs are otherwise set only at creation. A no-op
     * without a secret; znodes already locked, or gone meanwhile, are left alone.
     *
     * @return how many znodes were locked
     */
    public int lockOpenZnodes(CuratorFramework zk, String... roots) throws Exception {
        if (password == null) {
            return 0;
        }
        int locked = 0;
        for (String root : roots) {
            locked += lockOpen(zk, root);
        }
        if (locked > 0) {
            LOG.info("locked {} znodes created before xfs.cluster-secret was set under {}", locked,
                    String.join(", ", roots));
        }
        return locked;
    }

    private int lockOpen(CuratorFramework zk, String path) throws Exception {
        List<ACL> current;
        List<String> children;
        try {
            current = zk.getACL().forPath(path);
            if (!current.equals(ZooDefs.Ids.OPEN_ACL_UNSAFE)) {
                return 0;
            }
            children = zk.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return 0;
        }
        int locked = 0;
        for (String child : children) {
            locked += lockOpen(zk, ZKPaths.makePath(path, child));
        }
        try {
            zk.setACL().withACL(acl()).forPath(path);
            return locked + 1;
        } catch (KeeperException.NoNodeException gone) {
            return locked;
        }
    }

    /** True when znodes are created with the digest ACL. */
    public boolean locked() {
        return password != null;
    }

    /** The ACL set on every znode created through {@link #builder}. */
    public List<ACL> acl() {
        return acls.getDefaultAcl();
    }

    /** {@code user:password} as given to ZooKeeper's digest scheme; for tools and tests. */
    public String credentials() {
        if (password == null) {
            throw new IllegalStateException("no cluster secret: znodes are open");
        }
        return USER + ":" + password;
    }

    private static String password(String clusterSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] derived = mac.doFinal("xfs zookeeper digest v1".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String digest(String password) {
        try {
            return DigestAuthenticationProvider.generateDigest(USER + ":" + password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1 unavailable for ZooKeeper digests", e);
        }
    }

    /** The same ACL on every path. */
    private record FixedAcl(List<ACL> acl) implements ACLProvider {
        @Override
        public List<ACL> getDefaultAcl() {
            return acl;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return acl;
        }
    }
}
