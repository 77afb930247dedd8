package io.xfs.sts.cluster;

/**
 * One sts instance as registered at {@code /sts/<address>} (JSON data of the ephemeral node): the
 * {@code host:port} other instances forward to, which is also its CARP member name, and its CARP weight.
 */
public record StsMember(String address, double weight) {
    public StsMember {
        if (address.isEmpty() || address.contains("/")) {
            throw new IllegalArgumentException("sts member address must be host:port, not '" + address + "'");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("sts member " + address + " has an invalid weight " + weight);
        }
    }
}
