package io.xfs.common.topology;

import java.util.List;

/** Data of {@code /group/<gid>}: the stores that replicate each other (membership is also the children). */
public record GroupInfo(int gid, List<String> stores) {
    public GroupInfo {
        stores = List.copyOf(stores);
    }
}
