package io.xfs.common.carp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the share of 100,000 keys each member owns, for the weight and naming sets quoted in docs/sts.md.
 * Run: {@code java -cp common/target/classes:common/target/test-classes io.xfs.common.carp.CarpSharesReport}.
 */
final class CarpSharesReport {
    private CarpSharesReport() {
    }

    public static void main(String[] args) {
        report("draft names, weights 1,1,2,3", named(
                List.of("test1.ircache.net", "test2.web-cache.com", "test3.squid-cache.org",
                        "test4.packet-pushers.com"), 1, 1, 2, 3));
        report("draft names, equal weights", named(
                List.of("test1.ircache.net", "test2.web-cache.com", "test3.squid-cache.org",
                        "test4.packet-pushers.com"), 1, 1, 1, 1));
        for (String scheme : List.of("sts-%d:6070", "10.0.0.%d:6070", "sts-%d.xfs.internal:6070")) {
            for (int size = 2; size <= 5; size++) {
                report(scheme + " x" + size + ", equal weights", CarpArrayTest.equalMembers(scheme, size));
            }
            report(scheme + " weights 1,2", weighted(scheme, 1, 2));
            report(scheme + " weights 1,1,2", weighted(scheme, 1, 1, 2));
            report(scheme + " weights 1,2,3", weighted(scheme, 1, 2, 3));
            report(scheme + " weights 1,1,2,3", weighted(scheme, 1, 1, 2, 3));
        }
        List<CarpMember> loopback = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loopback.add(new CarpMember("127.0.0.1:" + (6070 + i), 1));
        }
        report("127.0.0.1:6070..6073, equal weights", loopback);
    }

    private static List<CarpMember> named(List<String> names, double... weights) {
        List<CarpMember> members = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            members.add(new CarpMember(names.get(i), weights[i]));
        }
        return members;
    }

    private static List<CarpMember> weighted(String scheme, double... weights) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= weights.length; i++) {
            names.add(scheme.formatted(i));
        }
        return named(names, weights);
    }

    private static void report(String title, List<CarpMember> members) {
        Map<String, Integer> counts = CarpArrayTest.ownerCounts(CarpArray.of(members));
        double total = members.stream().mapToDouble(CarpMember::weight).sum();
        StringBuilder line = new StringBuilder("| " + title + " |");
        for (CarpMember member : members) {
            line.append(String.format(" %s w%.0f: %.2f%% (ideal %.2f%%);", member.name(), member.weight(),
                    100.0 * counts.getOrDefault(member.name(), 0) / 100_000, 100 * member.weight() / total));
        }
        System.out.println(line.append(" |"));
    }
}
