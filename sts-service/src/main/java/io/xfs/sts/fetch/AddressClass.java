package io.xfs.sts.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What kind of address a fetch would connect to. Only {@link #PUBLIC} is fetched from by default;
 * {@code xfs.sts.fetch.allow-private} also admits the private-use kinds ({@link #isPrivateUse()}); the
 * rest (unspecified, multicast, reserved, documentation, IPv4-mapped or -compatible IPv6, Teredo) never.
 */
public enum AddressClass {
    PUBLIC(false),
    LOOPBACK(true),
    PRIVATE(true),
    LINK_LOCAL(true),
    CARRIER_GRADE_NAT(true),
    UNIQUE_LOCAL(true),
    UNSPECIFIED(false),
    MULTICAST(false),
    RESERVED(false),
    DOCUMENTATION(false),
    IPV4_MAPPED(false),
    IPV4_COMPATIBLE(false),
    TEREDO(false);

    private final boolean privateUse;

    AddressClass(boolean privateUse) {
        this.privateUse = privateUse;
    }

    public boolean isPrivateUse() {
        return privateUse;
    }

    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ofIpv4(bytes, 0);
        }
        if (address instanceof Inet6Address) {
            return ofIpv6(bytes);
        }
        return RESERVED;
    }

    /** Classifies the four bytes of an IPv4 address starting at {@code at}. */
    private static AddressClass ofIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        if (a == 0) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network": connecting to it reaches the local host
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
            return PRIVATE;
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return CARRIER_GRADE_NAT; // 100.64.0.0/10
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL; // includes cloud metadata at 169.254.169.254
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return DOCUMENTATION;
        }
        if ((a == 192 && b == 0 && c == 0) || (a == 192 && b == 88 && c == 99) || (a == 198 && (b & 0xfe) == 18)) {
            return RESERVED; // IETF assignments, 6to4 relay anycast, benchmarking 198.18.0.0/15
        }
        if ((a & 0xf0) == 224) {
            return MULTICAST;
        }
        if ((a & 0xf0) == 240) {
            return RESERVED; // 240.0.0.0/4 and the broadcast address
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return IPV4_MAPPED; // ::ffff:0:0/96
            }
            if (b[10] == 0 && b[11] == 0) {
                if (allZero(b, 12, 15)) {
                    return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : IPV4_COMPATIBLE;
                }
                return IPV4_COMPATIBLE; // ::/96, deprecated
            }
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL; // fc00::/7
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return UNIQUE_LOCAL; // fec0::/10, deprecated site-local
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return TEREDO; // 2001::/32 tunnels to an obfuscated IPv4 address
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return DOCUMENTATION; // 2001:db8::/32
        }
        // Translated IPv6 addresses reach their embedded IPv4 address: judge that one.
        if (first == 0x20 && second == 0x02) {
            return ofIpv4(b, 2); // 6to4 2002::/16 carries an IPv4 address in bytes 2..5
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return ofIpv4(b, 12); // NAT64 64:ff9b::/96 (and the local-use 64:ff9b:1::/48)
        }
        if (first == 0x01 && second == 0x00 && allZero(b, 2, 8)) {
            return RESERVED; // 100::/64 discard-only
        }
        if (first == 0 || (first & 0xe0) != 0x20) {
            return RESERVED; // outside 2000::/3, the global unicast space
        }
        return PUBLIC;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
