package io.xfs.sts.fetch;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard: resolves a host and refuses it unless EVERY address it resolves to is public (or
 * private-use with {@code allow-private}), then returns the one checked address the fetch must connect to,
 * so that a second DNS answer cannot swap in another. A {@code host:port} in {@code allow-hosts} skips the
 * class check (still resolved once and pinned). Thread-safe (immutable).
 */
public final class AddressGuard {
    /** Name resolution, replaceable so tests can give answers no real DNS would. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowHosts;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressGuard(Collection<String> allowHosts, boolean allowPrivate, Resolver resolver) {
        Set<String> normalized = new HashSet<>();
        for (String entry : allowHosts) {
            normalized.add(normalizeAllowEntry(entry));
        }
        this.allowHosts = Set.copyOf(normalized);
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public static AddressGuard withSystemResolver(Collection<String> allowHosts, boolean allowPrivate) {
        return new AddressGuard(allowHosts, allowPrivate, InetAddress::getAllByName);
    }

    /**
     * The address to connect to for {@code host} (as a URI spells it, IPv6 literals in brackets) and port.
     *
     * @throws XfsException {@link ErrorCode#FORBIDDEN} when an address is refused,
     *     {@link ErrorCode#FETCH_FAILED} when the host does not resolve
     */
    public InetAddress check(String host, int port) {
        boolean ipv6Literal = host.startsWith("[") && host.endsWith("]");
        String bare = ipv6Literal ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new XfsException(ErrorCode.FETCH_FAILED, "cannot resolve host " + bare);
        }
        if (addresses.length == 0) {
            throw new XfsException(ErrorCode.FETCH_FAILED, "host " + bare + " resolves to no address");
        }
        if (allowHosts.contains(bare.toLowerCase(Locale.ROOT) + ":" + port)) {
            return addresses[0];
        }
        for (InetAddress address : addresses) {
            // The JDK turns an IPv4-mapped literal such as [::ffff:10.0.0.1] into an Inet4Address.
            AddressClass kind = ipv6Literal && address instanceof Inet4Address
                    ? AddressClass.IPV4_MAPPED : AddressClass.of(address);
            if (kind != AddressClass.PUBLIC && !(allowPrivate && kind.isPrivateUse())) {
                throw new XfsException(ErrorCode.FORBIDDEN, "fetch target " + bare + ":" + port + " refused: "
                        + address.getHostAddress() + " is a " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " address");
            }
        }
        return addresses[0];
    }

    /** {@code host:port}, {@code [v6]:port}: lower-cased host without brackets, then the port. */
    private static String normalizeAllowEntry(String entry) {
        String trimmed = entry.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("xfs.sts.fetch.allow-hosts entry '" + entry + "' is not host:port");
        }
        String host = trimmed.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("xfs.sts.fetch.allow-hosts entry '" + entry + "' has a bad port");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
