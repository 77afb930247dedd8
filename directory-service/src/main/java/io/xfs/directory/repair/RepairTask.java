package io.xfs.directory.repair;

import java.util.List;

/**
 * Copy volume {@code vid} from {@code sourceAdmin} to store {@code targetId}, then make the target a
 * member of the volume and drop {@code remove}. Idempotent: the store side resumes or no-ops a copy it
 * has seen (docs/store.md, "Volume copy"), and the membership change is a fenced ZooKeeper transaction.
 *
 * A task is also the JSON body of a message on the repair queue ({@link RabbitRepairDispatcher}).
 *
 * @param lease   the volume's repair lease as the leader took it; the worker takes it over (a compare-and-set
 *                on its version), and its token fences both the copy and the membership change
 * @param attempt how many tasks the leader issued for this volume since it fell short, this one included
 *                (for logs: a volume that keeps needing tasks keeps failing)
 */
public record RepairTask(int vid, String sourceAdmin, String targetId, String targetAdmin, List<String> remove,
                         RepairLease lease, int attempt) {
    public RepairTask {
        remove = List.copyOf(remove);
    }

    RepairTask withLease(RepairLease held) {
        return new RepairTask(vid, sourceAdmin, targetId, targetAdmin, remove, held, attempt);
    }
}
