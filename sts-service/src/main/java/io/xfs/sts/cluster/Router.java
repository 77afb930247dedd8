package io.xfs.sts.cluster;

import io.xfs.common.carp.CarpArray;
import io.xfs.common.carp.CarpMember;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which sts instance owns a key (a uri or a filename): the CARP owner among the registered members.
 * With no members known (no ZooKeeper, or not yet registered) every key is this instance's own. The view is
 * replaced whole on each membership change, so a look-up sees one consistent membership. Thread-safe.
 */
public final class Router {
    private volatile View view = new View(List.of(), CarpArray.of(List.of()), Map.of());
    private volatile @Nullable String self;

    /** Names this instance ({@code host:port}), once its web server knows its port. */
    public void self(String address) {
        this.self = address;
    }

    public @Nullable String self() {
        return self;
    }

    /** Replaces the membership. Members are sorted by address so every instance builds the same array. */
    public void update(Collection<StsMember> members) {
        List<StsMember> sorted = members.stream().sorted(Comparator.comparing(StsMember::address)).toList();
        Map<String, StsMember> byAddress = new HashMap<>();
        for (StsMember member : sorted) {
            byAddress.put(member.address(), member);
        }
        CarpArray array = CarpArray.of(sorted.stream().map(m -> new CarpMember(m.address(), m.weight())).toList());
        this.view = new View(sorted, array, byAddress);
    }

    public List<StsMember> members() {
        return view.members();
    }

    /** The member that owns a key, unless that is this instance (or nobody is registered). */
    public Optional<StsMember> remoteOwner(String key) {
        View current = view;
        Optional<CarpMember> owner = current.array().owner(key);
        if (owner.isEmpty() || owner.get().name().equals(self)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.byAddress().get(owner.get().name()));
    }

    private record View(List<StsMember> members, CarpArray array, Map<String, StsMember> byAddress) {
        View {
            members = List.copyOf(members);
            byAddress = Map.copyOf(byAddress);
        }
    }
}
