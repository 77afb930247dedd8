package io.xfs.common.carp;

/**
 * A member of a CARP array: its name (what the member hash is computed over) and its relative weight.
 * A weight of 0 keeps the member in the array but gives it no keys.
 */
public record CarpMember(String name, double weight) {
    public CarpMember {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("CARP member name is empty");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("CARP member " + name + " has an invalid weight " + weight);
        }
    }
}
