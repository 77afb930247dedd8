package io.xfs.directory.repair;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs repair tasks on this directory's own threads, at most {@code parallel} at a time (each is a whole
 * volume copy between two stores). The standalone and the tests use it; after a restart nothing is lost,
 * because the leader recomputes what is missing. Thread-safe.
 */
public final class InProcessDispatcher implements RepairDispatcher {
    private static final Logger log = LoggerFactory.getLogger(InProcessDispatcher.class);

    private final RepairWorker worker;
    private final Semaphore slots;
    private final Set<Integer> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("repair-", 0).factory());

    public InProcessDispatcher(RepairWorker worker, int parallel) {
        this.worker = worker;
        this.slots = new Semaphore(parallel);
    }

    @Override
    public boolean dispatch(RepairTask task) {
        if (!slots.tryAcquire()) {
            return false;
        }
        if (!busy.add(task.vid())) {
            slots.release();
            return false;
        }
        executor.execute(() -> {
            try {
                worker.take(task).ifPresent(worker::run);
            } catch (Exception e) {
                log.warn("Volume {}: repair task not taken, issued again later: {}", task.vid(), e.toString());
            } finally {
                busy.remove(task.vid());
                slots.release();
            }
        });
        return true;
    }

    @Override
    public boolean busy(int vid) {
        return busy.contains(vid);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
