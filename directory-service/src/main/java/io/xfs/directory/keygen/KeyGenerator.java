package io.xfs.directory.keygen;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.zk.ZkPaths;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues needle keys ({@link Snowflake} layout) and cookies. The worker id is the lowest free ephemeral
 * {@code /keygen/workers/<n>} this instance could create. Keys are issued only while the ZooKeeper
 * session that owns the node is connected: on SUSPENDED or LOST issuing stops at once, and after a
 * reconnect the node is checked (same session: resume) or a worker id is claimed again, so two
 * instances never issue with the same id. Thread-safe.
 */
public final class KeyGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyGenerator.class);
    private static final int COOKIE_BATCH = 64;

    private final CuratorFramework zk;
    private final LongSupplier clock;
    private final Snowflake snowflake = new Snowflake();
    private final SecureRandom random = new SecureRandom();
    /**
     * Cookies drawn from {@link #random} in bulk: each draw of it takes a lock and mixes a digest, and every
     * few draws reads {@code /dev/urandom}; one draw of {@link #COOKIE_BATCH} cookies makes the rest an
     * array read. Guarded by {@code cookieLock}.
     */
    private final int[] cookies = new int[COOKIE_BATCH];
    private int nextCookie = COOKIE_BATCH;
    private final ReentrantLock cookieLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ExecutorService claimer;
    private final ConnectionStateListener stateListener = this::stateChanged;

    // Guarded by lock.
    private int workerId = -1;
    private @Nullable String ownedPath;
    private long epoch;
    private String why = "not started";
    private boolean closed;

    public KeyGenerator(CuratorFramework zk) {
        this(zk, System::currentTimeMillis);
    }

    /** With an injected wall clock (tests step it backwards). */
    public KeyGenerator(CuratorFramework zk, LongSupplier clock) {
        this.zk = zk;
        this.clock = clock;
        this.claimer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("keygen-claim").daemon().factory());
    }

    public void start() {
        zk.getConnectionStateListenable().addListener(stateListener);
        if (zk.getZookeeperClient().isConnected()) {
            scheduleClaim();
        } else {
            stop("waiting for the first ZooKeeper connection");
        }
    }

    /** The worker id in use, empty while not issuing. */
    public OptionalInt workerId() {
        lock.lock();
        try {
            return workerId < 0 ? OptionalInt.empty() : OptionalInt.of(workerId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new key, unique across every directory instance of the cluster. Waits up to {@code wait} for a
     * worker id (ZooKeeper reconnecting) or for the wall clock to catch up.
     *
     * @throws XfsException {@link ErrorCode#ZOOKEEPER_UNAVAILABLE} when no worker id was held in time;
     *                      {@link ErrorCode#DIRECTORY_UNAVAILABLE} when the wall clock stepped back further
     *                      than {@link Snowflake#MAX_AHEAD_MILLIS} and did not catch up in time
     */
    public long nextKey(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new XfsException(ErrorCode.SHUTTING_DOWN, "the directory is shutting down");
                }
                long pause;
                if (workerId >= 0) {
                    long key = snowflake.tryNext(workerId, clock.getAsLong());
                    if (key >= 0) {
                        return key;
                    }
                    pause = TimeUnit.MILLISECONDS.toNanos(1); // the wall clock is behind the logical one
                } else {
                    pause = Long.MAX_VALUE;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 && workerId >= 0) {
                    throw new XfsException(ErrorCode.DIRECTORY_UNAVAILABLE, "no needle key could be issued within "
                            + wait.toMillis() + " ms: the wall clock is behind the last key's time");
                }
                if (remaining <= 0) {
                    throw new XfsException(ErrorCode.ZOOKEEPER_UNAVAILABLE,
                            "no needle key could be issued within " + wait.toMillis() + " ms: " + why);
                }
                changed.awaitNanos(Math.min(pause, remaining));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XfsException(ErrorCode.ZOOKEEPER_UNAVAILABLE, "interrupted while waiting for a key");
        } finally {
            lock.unlock();
        }
    }

    /** A random non-zero 32-bit cookie: a reader must know it, so keys alone cannot be enumerated. */
    public int nextCookie() {
        cookieLock.lock();
        try {
            int cookie;
            do {
                if (nextCookie == COOKIE_BATCH) {
                    byte[] bytes = new byte[COOKIE_BATCH * Integer.BYTES];
                    random.nextBytes(bytes);
                    ByteBuffer.wrap(bytes).asIntBuffer().get(cookies);
                    nextCookie = 0;
                }
                cookie = cookies[nextCookie++];
            } while (cookie == 0);
            return cookie;
        } finally {
            cookieLock.unlock();
        }
    }

    private void stateChanged(CuratorFramework client, ConnectionState state) {
        switch (state) {
            case SUSPENDED, LOST, READ_ONLY -> stop("ZooKeeper connection " + state);
            case CONNECTED, RECONNECTED -> scheduleClaim();
        }
    }

    private void stop(String reason) {
        lock.lock();
        try {
            epoch++;
            if (workerId >= 0) {
                log.warn("Stopped issuing keys as worker {}: {}", workerId, reason);
            }
            workerId = -1;
            why = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void scheduleClaim() {
        long claimEpoch;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            claimEpoch = ++epoch;
        } finally {
            lock.unlock();
        }
        claimer.execute(() -> claim(claimEpoch));
    }

    private void claim(long claimEpoch) {
        try {
            long session = zk.getZookeeperClient().getZooKeeper().getSessionId();
            String previous;
            lock.lock();
            try {
                previous = ownedPath;
            } finally {
                lock.unlock();
            }
            if (previous != null) {
                Stat stat = zk.checkExists().usingWatcher(nodeWatcher).forPath(previous);
                if (stat != null && stat.getEphemeralOwner() == session) {
                    resume(claimEpoch, previous, false);
                    return;
                }
            }
            try {
                zk.create().creatingParentsIfNeeded().forPath(ZkPaths.KEYGEN_WORKERS);
            } catch (KeeperException.NodeExistsException ignored) {
                // created by another instance
            }
            Set<Integer> taken = new HashSet<>();
            List<String> children = zk.getChildren().forPath(ZkPaths.KEYGEN_WORKERS);
            for (String child : children) {
                try {
                    taken.add(Integer.parseInt(child));
                } catch (NumberFormatException ignored) {
                    // not a worker node
                }
            }
            byte[] data = (ProcessHandle.current().pid() + "@" + hostName()).getBytes(StandardCharsets.UTF_8);
            for (int n = 0; n <= Snowflake.MAX_WORKER; n++) {
                if (taken.contains(n)) {
                    continue;
                }
                String path = ZkPaths.keygenWorker(n);
                try {
                    zk.create().withMode(CreateMode.EPHEMERAL).forPath(path, data);
                } catch (KeeperException.NodeExistsException e) {
                    continue;
                }
                zk.checkExists().usingWatcher(nodeWatcher).forPath(path);
                resume(claimEpoch, path, true);
                return;
            }
            stop("all " + (Snowflake.MAX_WORKER + 1) + " worker ids are taken");
        } catch (Exception e) {
            log.warn("Could not claim a key worker id: {}", e.toString());
            retryLater(claimEpoch);
        }
    }

    private void resume(long claimEpoch, String path, boolean newClaim) {
        lock.lock();
        try {
            if (claimEpoch != epoch || closed) {
                // The connection changed while claiming; a later claim decides. A node created here is
                // either ours (found again by that claim) or goes away with its expired session.
                ownedPath = path;
                return;
            }
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            if (newClaim) {
                snowflake.startAfterClaim(clock.getAsLong());
            }
            ownedPath = path;
            workerId = id;
            changed.signalAll();
            log.info("Issuing keys as worker {}", id);
        } finally {
            lock.unlock();
        }
    }

    private void retryLater(long claimEpoch) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (claimEpoch != epoch || closed) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (zk.getZookeeperClient().isConnected()) {
                scheduleClaim();
            }
        });
    }

    private final Watcher nodeWatcher = this::nodeEvent;

    private void nodeEvent(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.NodeDeleted) {
            return;
        }
        boolean ours;
        lock.lock();
        try {
            ours = event.getPath() != null && event.getPath().equals(ownedPath) && workerId >= 0;
        } finally {
            lock.unlock();
        }
        if (ours) {
            stop("worker node " + event.getPath() + " was deleted");
            scheduleClaim();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            workerId = -1;
            why = "closed";
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        zk.getConnectionStateListenable().removeListener(stateListener);
        claimer.shutdownNow();
        String path = ownedPath;
        if (path != null && zk.getZookeeperClient().isConnected()) {
            try {
                // Only our own node: after a session loss another instance may own this id now.
                long session = zk.getZookeeperClient().getZooKeeper().getSessionId();
                Stat stat = zk.checkExists().forPath(path);
                if (stat != null && stat.getEphemeralOwner() == session) {
                    zk.delete().withVersion(stat.getVersion()).forPath(path);
                }
            } catch (Exception e) {
                log.debug("Worker node {} not deleted on close: {}", path, e.toString());
            }
        }
    }
}
