package io.xfs.directory.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.topology.GroupInfo;
import io.xfs.common.topology.StoreRegistration;
import io.xfs.common.topology.StoreStats;
import io.xfs.common.topology.StoreStatus;
import io.xfs.directory.topology.StoreNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupLayoutTest {

    private static StoreNode store(String id, String rack) {
        return new StoreNode(id, new StoreRegistration(id, rack, id, id, StoreStatus.READ_WRITE, List.of(),
                StoreStats.ZERO), 0);
    }

    private static List<Set<String>> sets(List<List<String>> groups) {
        return groups.stream().map(Set::copyOf).toList();
    }

    @Test
    void threeStoresTwoReplicasGiveThreeOverlappingGroups() {
        List<StoreNode> stores = List.of(store("1", "r1"), store("2", "r2"), store("3", "r3"));
        assertThat(sets(GroupLayout.ideal(stores, 2)))
                .containsExactlyInAnyOrder(Set.of("1", "2"), Set.of("2", "3"), Set.of("1", "3"));
    }

    @Test
    void fourStoresTwoReplicasGiveDisjointGroups() {
        List<StoreNode> stores = List.of(store("1", "r1"), store("2", "r1"), store("3", "r2"), store("4", "r2"));
        List<Set<String>> groups = sets(GroupLayout.ideal(stores, 2));
        assertThat(groups).hasSize(2);
        // distinct racks first: every group spans both racks
        for (Set<String> g : groups) {
            assertThat(g).containsAnyOf("1", "2").containsAnyOf("3", "4");
        }
    }

    @Test
    void everyStoreIsInAGroupAndEachGroupHasDistinctStores() {
        for (int n = 1; n <= 9; n++) {
            for (int r = 1; r <= 3; r++) {
                List<StoreNode> stores = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    stores.add(store("s" + i, "rack" + (i % 2)));
                }
                List<List<String>> groups = GroupLayout.ideal(stores, r);
                if (n < r) {
                    assertThat(groups).isEmpty();
                    continue;
                }
                Map<String, Integer> membership = new HashMap<>();
                for (List<String> g : groups) {
                    assertThat(Set.copyOf(g)).hasSize(r);
                    g.forEach(id -> membership.merge(id, 1, Integer::sum));
                }
                assertThat(membership).hasSize(n);
                // balanced: every store carries the same number of groups
                assertThat(Set.copyOf(membership.values())).hasSize(1);
            }
        }
    }

    @Test
    void ringPutsNeighboursOnDistinctRacksWherePossible() {
        List<StoreNode> stores = List.of(store("1", "a"), store("2", "a"), store("3", "a"), store("4", "b"),
                store("5", "c"));
        List<String> ring = GroupLayout.ring(stores);
        Map<String, String> rack = Map.of("1", "a", "2", "a", "3", "a", "4", "b", "5", "c");
        for (int i = 0; i + 1 < ring.size(); i++) {
            assertThat(rack.get(ring.get(i))).isNotEqualTo(rack.get(ring.get(i + 1)));
        }
    }

    @Test
    void missingGroupsOnlyGiveWorkToIdleStores() {
        List<StoreNode> three = List.of(store("1", "r1"), store("2", "r2"), store("3", "r3"));
        // {1,2} formed while only two stores were registered; the third arrives.
        List<GroupInfo> existing = List.of(new GroupInfo(1, List.of("1", "2")));
        assertThat(sets(GroupLayout.missing(three, existing, 2)))
                .containsExactlyInAnyOrder(Set.of("2", "3"), Set.of("1", "3"));
        List<GroupInfo> all = List.of(new GroupInfo(1, List.of("1", "2")), new GroupInfo(2, List.of("2", "3")),
                new GroupInfo(3, List.of("3", "1")));
        assertThat(GroupLayout.missing(three, all, 2)).isEmpty();
        // every store busy in a different layout: nothing is reshuffled
        assertThat(GroupLayout.missing(three, List.of(new GroupInfo(7, List.of("1", "2", "3"))), 2)).isEmpty();
    }
}
