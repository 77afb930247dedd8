package io.xfs.common.carp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable CARP array (draft-vinod-carp-v1-03): the members, their hashes and load-factor multipliers,
 * and {@link #owner} which picks the member with the highest weighted score for a key. Build a new array when
 * membership changes; removing a member moves only the keys it owned. Thread-safe (immutable).
 */
public final class CarpArray {
    private final List<CarpMember> members;
    private final int[] memberHashes;
    private final double[] multipliers;

    private CarpArray(List<CarpMember> members) {
        this.members = List.copyOf(members);
        this.memberHashes = new int[this.members.size()];
        for (int i = 0; i < memberHashes.length; i++) {
            memberHashes[i] = CarpHash.memberHash(this.members.get(i).name());
        }
        this.multipliers = loadFactorMultipliers(this.members);
    }

    /**
     * An array of the given members, kept in the given order (ties in score go to the earlier member).
     *
     * @throws IllegalArgumentException if two members share a name
     */
    public static CarpArray of(Collection<CarpMember> members) {
        Set<String> names = new HashSet<>();
        for (CarpMember member : members) {
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("duplicate CARP member " + member.name());
            }
        }
        return new CarpArray(new ArrayList<>(members));
    }

    public List<CarpMember> members() {
        return members;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** The member hash of the i-th member. */
    public int memberHash(int index) {
        return memberHashes[index];
    }

    /** The load-factor multiplier X of the i-th member (0 for a member of weight 0). */
    public double multiplier(int index) {
        return multipliers[index];
    }

    /** The score of the i-th member for a key's URL hash: combined hash (unsigned) times its multiplier. */
    public double score(int urlHash, int index) {
        return Integer.toUnsignedLong(CarpHash.combine(urlHash, memberHashes[index])) * multipliers[index];
    }

    /** The member that owns a key, or empty when no member has a positive weight. */
    public Optional<CarpMember> owner(String key) {
        int urlHash = CarpHash.urlHash(key);
        int best = -1;
        double bestScore = -1;
        for (int i = 0; i < multipliers.length; i++) {
            if (multipliers[i] <= 0) {
                continue;
            }
            double score = score(urlHash, i);
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(members.get(best));
    }

    /**
     * Draft §3.3. With members sorted by load factor ascending (p_1 <= ... <= p_K, summing to 1):
     * <pre>
     *   X_1 = (K * p_1)^(1/K)
     *   X_k = ( (K-k+1) * (p_k - p_{k-1}) / (X_1 * ... * X_{k-1}) + X_{k-1}^(K-k+1) )^(1/(K-k+1))
     * </pre>
     * Squid's carp.cc omits the division by the product of the earlier multipliers; the draft's published
     * vectors (weights 1,1,2,3 give 0.869442, 0.869442, 1.064844, 1.242318) need it, so we follow the draft.
     * Members of weight 0 take no part (multiplier 0).
     */
    private static double[] loadFactorMultipliers(List<CarpMember> members) {
        double[] result = new double[members.size()];
        List<Integer> weighted = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).weight() > 0) {
                weighted.add(i);
                total += members.get(i).weight();
            }
        }
        weighted.sort(Comparator.comparingDouble(i -> members.get(i).weight()));
        int k = weighted.size();
        double previousLoad = 0;
        double previousX = 0;
        double product = 1;
        for (int n = 1; n <= k; n++) {
            int index = weighted.get(n - 1);
            double load = members.get(index).weight() / total;
            int exponent = k - n + 1;
            double x = n == 1
                    ? Math.pow(k * load, 1.0 / k)
                    : Math.pow(exponent * (load - previousLoad) / product + Math.pow(previousX, exponent),
                            1.0 / exponent);
            result[index] = x;
            product *= x;
            previousLoad = load;
            previousX = x;
        }
        return result;
    }
}
