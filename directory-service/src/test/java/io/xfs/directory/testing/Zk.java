package io.xfs.directory.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** ZooKeeper clients and waiting helpers for tests against an in-process {@code TestingServer}. */
public final class Zk {
    public static final int SESSION_TIMEOUT_MS = 2_000;

    private Zk() {
    }

    /** A started client with a 2 s session, as {@code xfs.zookeeper.session-timeout=2s} gives. */
    public static CuratorFramework client(String connect) {
        CuratorFramework zk = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(1_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .build();
        zk.start();
        return zk;
    }

    /** Polls {@code condition} every 20 ms; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
