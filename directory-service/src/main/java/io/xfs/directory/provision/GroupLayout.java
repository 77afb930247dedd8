package io.xfs.directory.provision;

import io.xfs.common.topology.GroupInfo;
import io.xfs.directory.topology.StoreNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Decides which groups auto-provisioning forms (SPEC §4). The stores are laid out in a ring ordered so
 * that neighbours sit on distinct racks where possible (each next store comes from the rack with most
 * stores left, never the rack just used when another remains). With {@code n} stores and {@code r}
 * replicas, consecutive runs of {@code r} stores form the groups: disjoint runs when {@code r} divides
 * {@code n}, otherwise every one of the {@code n} windows of the ring, so groups overlap and each store is
 * in exactly {@code r} of them (three stores, two replicas: {1,2}, {2,3}, {3,1}). Stateless.
 */
public final class GroupLayout {
    private GroupLayout() {
    }

    /** The ideal groups for these stores, each as store ids in ring order. */
    public static List<List<String>> ideal(Collection<StoreNode> stores, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
        }
        List<String> ring = ring(stores);
        int n = ring.size();
        List<List<String>> groups = new ArrayList<>();
        if (n < replicas) {
            return groups;
        }
        int step = n % replicas == 0 ? replicas : 1;
        for (int start = 0; start < n; start += step) {
            List<String> group = new ArrayList<>(replicas);
            for (int i = 0; i < replicas; i++) {
                group.add(ring.get((start + i) % n));
            }
            groups.add(group);
        }
        return groups;
    }

    /**
     * The ideal groups that do not exist yet and would give work to a store that has none; empty when
     * every store is in some group already (an existing layout is never reshuffled).
     */
    public static List<List<String>> missing(Collection<StoreNode> stores, Collection<GroupInfo> existing,
                                             int replicas) {
        Set<String> used = new HashSet<>();
        Set<Set<String>> existingSets = new HashSet<>();
        for (GroupInfo g : existing) {
            used.addAll(g.stores());
            existingSets.add(Set.copyOf(g.stores()));
        }
        List<List<String>> result = new ArrayList<>();
        for (List<String> group : ideal(stores, replicas)) {
            boolean givesWork = group.stream().anyMatch(id -> !used.contains(id));
            if (givesWork && !existingSets.contains(Set.copyOf(group))) {
                result.add(group);
            }
        }
        return result;
    }

    /** Store ids ordered so that consecutive stores are on distinct racks where possible. */
    static List<String> ring(Collection<StoreNode> stores) {
        Map<String, List<String>> byRack = new TreeMap<>();
        for (StoreNode s : stores.stream().sorted(Comparator.comparing(StoreNode::id)).toList()) {
            byRack.computeIfAbsent(s.rack(), k -> new ArrayList<>()).add(s.id());
        }
        Map<String, Integer> taken = new HashMap<>();
        List<String> ring = new ArrayList<>(stores.size());
        String lastRack = "";
        while (ring.size() < stores.size()) {
            @Nullable String best = null;
            int bestLeft = 0;
            for (Map.Entry<String, List<String>> e : byRack.entrySet()) {
                int left = e.getValue().size() - taken.getOrDefault(e.getKey(), 0);
                if (left == 0) {
                    continue;
                }
                boolean repeats = e.getKey().equals(lastRack);
                boolean bestRepeats = lastRack.equals(best);
                if (best == null || (bestRepeats && !repeats) || (bestRepeats == repeats && left > bestLeft)) {
                    best = e.getKey();
                    bestLeft = left;
                }
            }
            int index = taken.getOrDefault(best, 0);
            ring.add(byRack.get(best).get(index));
            taken.put(best, index + 1);
            lastRack = best;
        }
        return ring;
    }
}
