package io.xfs.directory.dispatch;

import java.util.List;

/** Where a new needle goes: a volume of a group and the {@code host:port} of every replica's store. */
public record Choice(int gid, int vid, List<String> stores) {
    public Choice {
        stores = List.copyOf(stores);
    }
}
