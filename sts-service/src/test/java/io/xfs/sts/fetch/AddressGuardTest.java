package io.xfs.sts.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classification and the guard's decisions, on literal addresses and a made-up resolver: no traffic. */
class AddressGuardTest {
    @Test
    void everyNonPublicRangeIsClassifiedAsSuch() throws UnknownHostException {
        Map<String, AddressClass> expected = Map.ofEntries(
                Map.entry("127.0.0.1", AddressClass.LOOPBACK),
                Map.entry("127.255.0.9", AddressClass.LOOPBACK),
                Map.entry("10.1.2.3", AddressClass.PRIVATE),
                Map.entry("172.16.0.1", AddressClass.PRIVATE),
                Map.entry("172.31.255.255", AddressClass.PRIVATE),
                Map.entry("192.168.1.1", AddressClass.PRIVATE),
                Map.entry("169.254.169.254", AddressClass.LINK_LOCAL),
                Map.entry("100.64.0.1", AddressClass.CARRIER_GRADE_NAT),
                Map.entry("100.127.255.254", AddressClass.CARRIER_GRADE_NAT),
                Map.entry("0.0.0.0", AddressClass.UNSPECIFIED),
                Map.entry("224.0.0.1", AddressClass.MULTICAST),
                Map.entry("239.255.255.250", AddressClass.MULTICAST),
                Map.entry("255.255.255.255", AddressClass.RESERVED),
                Map.entry("198.18.0.1", AddressClass.RESERVED),
                Map.entry("192.0.2.1", AddressClass.DOCUMENTATION),
                Map.entry("::", AddressClass.UNSPECIFIED),
                Map.entry("::1", AddressClass.LOOPBACK),
                Map.entry("::127.0.0.1", AddressClass.IPV4_COMPATIBLE),
                Map.entry("fc00::1", AddressClass.UNIQUE_LOCAL),
                Map.entry("fd12:3456::1", AddressClass.UNIQUE_LOCAL),
                Map.entry("fe80::1", AddressClass.LINK_LOCAL),
                Map.entry("ff02::1", AddressClass.MULTICAST),
                Map.entry("2001:db8::1", AddressClass.DOCUMENTATION),
                Map.entry("2001:0:4136:e378::1", AddressClass.TEREDO),
                Map.entry("2002:7f00:1::1", AddressClass.LOOPBACK),
                Map.entry("64:ff9b::a00:1", AddressClass.PRIVATE));
        expected.forEach((literal, kind) -> assertThat(AddressClass.of(literal(literal))).as(literal).isEqualTo(kind));
        for (String publicAddress : List.of("8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
                "2002:808:808::1", "64:ff9b::808:808")) {
            assertThat(AddressClass.of(literal(publicAddress))).as(publicAddress).isEqualTo(AddressClass.PUBLIC);
        }
    }

    @Test
    void aHostIsRefusedIfAnyOfItsAddressesIsNotPublic() {
        AddressGuard guard = guard(List.of(), false, "8.8.8.8", "10.0.0.5");
        assertRefused(() -> guard.check("mixed.example", 80), "10.0.0.5");
        AddressGuard allPublic = guard(List.of(), false, "8.8.8.8", "8.8.4.4");
        assertThat(allPublic.check("public.example", 80).getHostAddress()).isEqualTo("8.8.8.8");
    }

    @Test
    void loopbackAndMappedLiteralsAreRefusedByDefault() {
        AddressGuard guard = AddressGuard.withSystemResolver(List.of(), false);
        assertRefused(() -> guard.check("127.0.0.1", 80), "loopback");
        assertRefused(() -> guard.check("[::1]", 80), "loopback");
        assertRefused(() -> guard.check("[::ffff:127.0.0.1]", 80), "ipv4-mapped");
        assertRefused(() -> guard.check("[::ffff:8.8.8.8]", 80), "ipv4-mapped");
        assertRefused(() -> guard.check("169.254.169.254", 80), "link-local");
        assertRefused(() -> guard.check("100.64.1.1", 80), "carrier-grade-nat");
        assertRefused(() -> guard.check("224.0.0.1", 80), "multicast");
        assertRefused(() -> guard.check("0.0.0.0", 80), "unspecified");
        assertRefused(() -> guard.check("[fd00::1]", 80), "unique-local");
    }

    @Test
    void allowPrivateAdmitsPrivateUseRangesButNotMulticastOrUnspecified() {
        AddressGuard guard = AddressGuard.withSystemResolver(List.of(), true);
        assertThat(guard.check("127.0.0.1", 80).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check("10.0.0.1", 80).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(guard.check("[fd00::1]", 80)).isNotNull();
        assertRefused(() -> guard.check("224.0.0.1", 80), "multicast");
        assertRefused(() -> guard.check("0.0.0.0", 80), "unspecified");
    }

    @Test
    void allowHostsAdmitExactlyTheListedHostAndPort() {
        AddressGuard guard = AddressGuard.withSystemResolver(List.of("127.0.0.1:8080", "[::1]:9090"), false);
        assertThat(guard.check("127.0.0.1", 8080).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check("[::1]", 9090).isLoopbackAddress()).isTrue();
        assertRefused(() -> guard.check("127.0.0.1", 8081), "loopback");
        assertRefused(() -> guard.check("[::1]", 8080), "loopback");
    }

    @Test
    void theAddressReturnedIsTheOneThatWasChecked() {
        AddressGuard guard = guard(List.of(), false, "93.184.216.34");
        assertThat(guard.check("example.com", 443).getHostAddress()).isEqualTo("93.184.216.34");
    }

    @Test
    void anUnresolvableHostFailsTheFetch() {
        AddressGuard guard = new AddressGuard(List.of(), false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check("nowhere.invalid", 80))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FETCH_FAILED));
    }

    @Test
    void malformedAllowHostsEntriesAreRefusedAtStart() {
        assertThatThrownBy(() -> AddressGuard.withSystemResolver(List.of("localhost"), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressGuard.withSystemResolver(List.of("localhost:http"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AddressGuard guard(List<String> allow, boolean allowPrivate, String... answers) {
        return new AddressGuard(allow, allowPrivate, host -> {
            InetAddress[] addresses = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                addresses[i] = InetAddress.getByAddress(host, literal(answers[i]).getAddress());
            }
            return addresses;
        });
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
