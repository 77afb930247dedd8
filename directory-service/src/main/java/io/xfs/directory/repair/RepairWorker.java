package io.xfs.directory.repair;

import io.xfs.common.store.CopyStatus;
import io.xfs.common.store.StoreClient;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link RepairTask}, the same way whichever dispatcher delivered it: {@link #take} takes the
 * volume's lease over from the leader, then {@link #run} asks the target store to copy the volume
 * (polling, renewing the lease between polls), and once the copy agrees with its source, changes the
 * volume's membership under the lease. Any failure ends the task; the leader issues it again on a later round. Thread-safe.
 */
public final class RepairWorker {
    private static final Logger log = LoggerFactory.getLogger(RepairWorker.class);

    private static final Duration PUBLISH_CHECK = Duration.ofMillis(100);

    private final StoreClient stores;
    private final RepairLeases leases;
    private final Membership membership;
    private final RepairMetrics metrics;
    private final Duration poll;

    /** @param poll how long one call waits for the store's copy before the lease is renewed */
    public RepairWorker(StoreClient stores, RepairLeases leases, Membership membership, RepairMetrics metrics,
                        Duration poll) {
        this.stores = stores;
        this.leases = leases;
        this.membership = membership;
        this.metrics = metrics;
        this.poll = poll;
    }

    /**
     * Takes over the lease the leader took for the task, by a compare-and-set on the version the task
     * carries. Empty when the lease moved on meanwhile: the task is stale or a duplicate (another worker
     * took it, or finished it, or the lease expired and the leader issued a newer task), and must not run.
     */
    public Optional<RepairTask> take(RepairTask task) throws Exception {
        Optional<RepairLease> held = leases.renew(task.lease());
        if (held.isEmpty()) {
            log.info("Volume {}: repair task (attempt {}, token {}) is stale or a duplicate, dropped", task.vid(),
                    task.attempt(), task.lease().token());
            metrics.task("stale");
        }
        return held.map(task::withLease);
    }

    /** Runs a task {@link #take taken}; releases its lease at the end, whatever happened. */
    public void run(RepairTask task) {
        RepairLease[] lease = {task.lease()};
        metrics.started();
        try {
            String outcome = copyAndCommit(task, lease);
            metrics.task(outcome);
        } catch (Exception e) {
            log.warn("Volume {}: repair onto {} failed, retried later: {}", task.vid(), task.targetId(), e.toString());
            metrics.task("failed");
        } finally {
            metrics.finished();
            try {
                leases.release(lease[0]);
            } catch (Exception e) {
                log.debug("Volume {}: releasing the repair lease failed", task.vid(), e);
            }
        }
    }

    /**
     * Waits, up to one poll, until the target publishes the copy as readable (its registration is rewritten
     * every few seconds, and right after a copy completes), so that no moment has fewer readable replicas
     * than before the repair.
     */
    private boolean awaitPublished(RepairTask task) throws Exception {
        long deadline = System.nanoTime() + poll.toNanos();
        while (!membership.published(task.vid(), task.targetId())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(PUBLISH_CHECK.toMillis());
        }
        return true;
    }

    /** Runs the task; {@code current} follows the lease as renewals move its version. */
    private String copyAndCommit(RepairTask task, RepairLease[] current) throws Exception {
        RepairLease lease = current[0];
        log.info("Volume {}: copying from {} to {} (attempt {})", task.vid(), task.sourceAdmin(), task.targetId(),
                task.attempt());
        while (true) {
            CopyStatus status = stores.copyVolume(task.targetAdmin(), task.vid(), task.sourceAdmin(), lease.token(), poll);
            Optional<RepairLease> renewed = leases.renew(lease);
            if (renewed.isEmpty()) {
                log.warn("Volume {}: repair lease lost during the copy to {}", task.vid(), task.targetId());
                return "fenced";
            }
            lease = renewed.get();
            current[0] = lease;
            if (CopyStatus.FAILED.equals(status.state())) {
                log.warn("Volume {}: copy to {} failed: {}", task.vid(), task.targetId(), status.error());
                return "failed";
            }
            if (CopyStatus.DONE.equals(status.state())) {
                if (status.result() != null) {
                    metrics.copied(status.result().bytes());
                }
                if (!status.agreed()) {
                    log.warn("Volume {}: copy to {} does not agree with {} yet: {}", task.vid(), task.targetId(),
                            task.sourceAdmin(), status.result());
                    return "not_agreed";
                }
                break;
            }
        }
        if (!awaitPublished(task)) {
            log.warn("Volume {}: {} holds an agreeing copy but does not publish it yet; retried later", task.vid(),
                    task.targetId());
            return "not_published";
        }
        return membership.replace(task.vid(), task.targetId(), task.remove(), lease) ? "done" : "fenced";
    }
}
