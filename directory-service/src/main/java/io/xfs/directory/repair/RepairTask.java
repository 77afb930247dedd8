package io.xfs.directory.repair;

import java.util.List;

/**
 * Copy volume {@code vid} from {@code sourceAdmin} to store {@code targetId}, then make the target a
 * member of the volume and drop {@code remove}. Idempotent: the store side resumes or no-ops a copy it
 * has seen (docs/store.md, "Volume copy"), and the membership change is a fenced ZooKeeper transaction.
 *
 * @param lease the volume's repair lease; its token fences both the copy and the membership change
 */
public record RepairTask(int vid, String sourceAdmin, String targetId, String targetAdmin, List<String> remove,
                         RepairLease lease) {
    public RepairTask {
        remove = List.copyOf(remove);
    }
}
