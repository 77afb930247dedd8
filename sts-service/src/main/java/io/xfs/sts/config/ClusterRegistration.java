package io.xfs.sts.config;

import io.xfs.sts.cluster.Router;
import io.xfs.sts.cluster.StsMember;
import io.xfs.sts.cluster.ZkMembership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Joins the sts cluster once the web server knows its port (so a random test port is what others forward
 * to), and leaves it before the web server shuts down (the highest lifecycle phase stops first), so that no
 * instance keeps forwarding to one that is going away.
 */
final class ClusterRegistration implements ApplicationListener<WebServerInitializedEvent>, SmartLifecycle {
    private final StsProperties sts;
    private final Router router;
    private final @Nullable CuratorFramework curator;
    private volatile @Nullable ZkMembership membership;
    private volatile boolean running;

    ClusterRegistration(StsProperties sts, Router router, @Nullable CuratorFramework curator) {
        this.sts = sts;
        this.router = router;
        this.curator = curator;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // the management server, if it has a port of its own
        }
        String address = advertisedHost() + ":" + event.getWebServer().getPort();
        router.self(address);
        if (curator != null && membership == null) {
            membership = ZkMembership.join(curator, new StsMember(address, sts.weight()), router);
        }
    }

    private String advertisedHost() {
        String host = sts.configuredHost();
        if (host != null) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ZkMembership current = membership;
        membership = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
