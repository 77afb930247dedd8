package io.xfs.common.auth.internal;

import static io.xfs.common.auth.internal.InternalRole.DIRECTORY;
import static io.xfs.common.auth.internal.InternalRole.OPERATOR;
import static io.xfs.common.auth.internal.InternalRole.PROXY;
import static io.xfs.common.auth.internal.InternalRole.STORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class InternalVerifierTest {
    private static final String SECRET = "a-cluster-secret-of-some-length";
    private static final InternalRoutes ROUTES = InternalRoutes.builder()
            .allow("/list", PROXY, DIRECTORY, OPERATOR)
            .allow("/commit", PROXY)
            .allowStreamed("/upload", PROXY, STORE)
            .allow("/admin/", OPERATOR)
            .allow("/admin/volume_state", OPERATOR, STORE)
            .allow("/v1/file/", PROXY)
            .opaque("/v1/file/")
            .open("/ping");

    private Instant now = Instant.parse("2026-12-06T03:00:00Z");
    private final InstantSource clock = () -> now;
    private final InternalVerifier verifier = new InternalVerifier(ClusterSecret.of(SECRET), ROUTES, clock);
    private final InternalSigner proxy = new InternalSigner(ClusterSecret.of(SECRET), PROXY, "proxy-1", clock);

    @Test
    void acceptsAGoodSignatureAndSaysWhoCalled() {
        String header = proxy.sign("GET", "/list?bucket=mas&dir=");
        VerifiedCall call = verifier.verify("GET", "/list", "bucket=mas&dir=", header, -1);
        assertThat(call.role()).isEqualTo(PROXY);
        assertThat(call.caller()).isEqualTo("proxy-1");
        assertThat(header).startsWith("XFS1 role=proxy,id=proxy-1,");
    }

    @Test
    void refusesAMissingOrMalformedHeader() {
        assertRefused(() -> verifier.verify("GET", "/list", null, null, -1), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> verifier.verify("GET", "/list", null, "XFS1 role=proxy", -1), ErrorCode.UNAUTHORIZED);
        String header = proxy.sign("GET", "/list");
        assertRefused(() -> verifier.verify("GET", "/list", null, header + ",sig=00", -1), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void refusesATamperedMethodPathQueryOrTime() {
        String header = proxy.sign("GET", "/list?bucket=a");
        assertRefused(() -> verifier.verify("POST", "/list", "bucket=a", header, -1), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> verifier.verify("GET", "/commit", "bucket=a", header, -1), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> verifier.verify("GET", "/list", "bucket=mas", header, -1), ErrorCode.UNAUTHORIZED);
        String retimed = header.replaceFirst(",t=(\\d+),", ",t=" + (now.toEpochMilli() + 1) + ",");
        assertRefused(() -> verifier.verify("GET", "/list", "bucket=a", retimed, -1), ErrorCode.UNAUTHORIZED);
        String otherRole = header.replace("role=proxy", "role=operator");
        assertRefused(() -> verifier.verify("GET", "/list", "bucket=a", otherRole, -1), ErrorCode.UNAUTHORIZED);
        // untouched, it still passes: the refusals above were for the changes
        verifier.verify("GET", "/list", "bucket=a", header, -1);
    }

    @Test
    void refusesACallOutsideTheWindow() {
        String header = proxy.sign("GET", "/list");
        now = now.plusSeconds(61);
        assertRefused(() -> verifier.verify("GET", "/list", null, header, -1), ErrorCode.UNAUTHORIZED)
                .hasMessageContaining("more than 60 s");
        now = now.minusSeconds(122);
        assertRefused(() -> verifier.verify("GET", "/list", null, header, -1), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void refusesATamperedBody() throws Exception {
        byte[] body = "{\"fid\":\"1,2\"}".getBytes(StandardCharsets.UTF_8);
        String header = proxy.sign("POST", "/commit", body);
        assertRefused(() -> verifier.verify("POST", "/commit", null, header, body.length + 1), ErrorCode.UNAUTHORIZED);
        VerifiedCall call = verifier.verify("POST", "/commit", null, header, body.length);
        byte[] changed = body.clone();
        changed[3] = 'X';
        assertRefused(() -> call.checkBody(changed), ErrorCode.UNAUTHORIZED);
        assertRefused(() -> call.checking(new ByteArrayInputStream(changed)).readAllBytes(), ErrorCode.UNAUTHORIZED);
        call.checkBody(body);
        try (InputStream checked = call.checking(new ByteArrayInputStream(body))) {
            assertThat(checked.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void acceptsUnsignedBodiesOnlyOnStreamedRoutesAndAtTheSignedLength() {
        String upload = proxy.sign("POST", "/upload?vid=1&key=2&cookie=3", 1000, BodyHash.UNSIGNED);
        assertRefused(() -> verifier.verify("POST", "/upload", "vid=1&key=2&cookie=3", upload, 999),
                ErrorCode.UNAUTHORIZED);
        assertRefused(() -> verifier.verify("POST", "/upload", "vid=1&key=2&cookie=3", upload, -1),
                ErrorCode.UNAUTHORIZED);
        assertThat(verifier.verify("POST", "/upload", "vid=1&key=2&cookie=3", upload, 1000).bodySigned()).isFalse();
        // the needle in the query is signed: another key with the same header fails
        String again = proxy.sign("POST", "/upload?vid=1&key=2&cookie=3", 1000, BodyHash.UNSIGNED);
        assertRefused(() -> verifier.verify("POST", "/upload", "vid=1&key=9&cookie=3", again, 1000),
                ErrorCode.UNAUTHORIZED);
        String commit = proxy.sign("POST", "/commit", 10, BodyHash.UNSIGNED);
        assertRefused(() -> verifier.verify("POST", "/commit", null, commit, 10), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void refusesAReplay() {
        String header = proxy.sign("GET", "/list?bucket=a");
        verifier.verify("GET", "/list", "bucket=a", header, -1);
        now = now.plusSeconds(1);
        assertRefused(() -> verifier.verify("GET", "/list", "bucket=a", header, -1), ErrorCode.UNAUTHORIZED)
                .hasMessageContaining("replay");
    }

    @Test
    void refusesARoleTheRouteDoesNotAllow() {
        InternalSigner store = new InternalSigner(ClusterSecret.of(SECRET), STORE, "store-1", clock);
        assertRefused(() -> verifier.verify("POST", "/admin/backup", null, store.sign("POST", "/admin/backup"), -1),
                ErrorCode.FORBIDDEN);
        assertRefused(() -> verifier.verify("GET", "/list", null, store.sign("GET", "/list"), -1), ErrorCode.FORBIDDEN);
        // the longest prefix decides: the store may read a volume's state, not call the rest of /admin/
        verifier.verify("POST", "/admin/volume_state", "vid=1", store.sign("POST", "/admin/volume_state?vid=1"), -1);
        // a path no rule names is refused to every role
        InternalSigner operator = new InternalSigner(ClusterSecret.of(SECRET), OPERATOR, "ops", clock);
        assertRefused(() -> verifier.verify("GET", "/elsewhere", null, operator.sign("GET", "/elsewhere"), -1),
                ErrorCode.FORBIDDEN);
    }

    @Test
    void refusesPathsThatServersCouldReadOtherwise() {
        InternalSigner operator = new InternalSigner(ClusterSecret.of(SECRET), OPERATOR, "ops", clock);
        for (String path : new String[]{"/admin/../list", "/list/.", "//list", "/list;x", "/admin\\x",
                "/admin/./backup", "list", "/admin/%2e%2E/list", "/admin%2Fbackup", "/list%3bx", "/%252e"}) {
            assertRefused(() -> verifier.verify("GET", path, null, operator.sign("GET", path), -1),
                    ErrorCode.BAD_ARGUMENT);
            assertThat(verifier.isOpen(path)).isFalse();
        }
        // other escapes pass the check, and a path no rule names is refused to every role
        assertRefused(() -> verifier.verify("GET", "/%6cist", null, operator.sign("GET", "/%6cist"), -1),
                ErrorCode.FORBIDDEN);
        // a name under an opaque prefix keeps its escapes; raw dot-segments are still refused
        verifier.verify("GET", "/v1/file/a%2Fb%2e%25", null, proxy.sign("GET", "/v1/file/a%2Fb%2e%25"), -1);
        assertRefused(() -> verifier.verify("GET", "/v1/file/../x", null, proxy.sign("GET", "/v1/file/../x"), -1),
                ErrorCode.BAD_ARGUMENT);
        assertThat(verifier.isOpen("/ping")).isTrue();
        assertThat(verifier.isOpen("/list")).isFalse();
    }

    @Test
    void acceptsTheOldAndTheNewSecretDuringARotation() {
        String newSecret = "the-new-cluster-secret-0123";
        InternalVerifier rotating = new InternalVerifier(ClusterSecret.of(newSecret, SECRET), ROUTES, clock);
        InternalSigner updated = new InternalSigner(ClusterSecret.of(newSecret), PROXY, "proxy-2", clock);
        rotating.verify("GET", "/list", null, proxy.sign("GET", "/list"), -1);
        rotating.verify("GET", "/list", null, updated.sign("GET", "/list"), -1);
        // a service on the new secret alone no longer takes the old one
        InternalVerifier rotated = new InternalVerifier(ClusterSecret.of(newSecret), ROUTES, clock);
        assertRefused(() -> rotated.verify("GET", "/list", null, proxy.sign("GET", "/list"), -1),
                ErrorCode.UNAUTHORIZED);
        // and one not yet updated refuses the new one
        assertRefused(() -> verifier.verify("GET", "/list", null, updated.sign("GET", "/list"), -1),
                ErrorCode.UNAUTHORIZED);
    }

    @Test
    void aFullNonceCacheRaisesItsFloorInsteadOfForgetting() {
        NonceCache cache = new NonceCache(2, 60_000);
        long t = now.toEpochMilli();
        assertThat(cache.accept("a", t, t)).isTrue();
        assertThat(cache.accept("b", t + 1, t + 1)).isTrue();
        assertThat(cache.accept("c", t + 2, t + 2)).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        // "a" was dropped while still in the window: it and anything as old are refused
        assertThat(cache.accept("a", t, t + 3)).isFalse();
        assertThat(cache.accept("b", t + 1, t + 3)).isFalse();
        assertThat(cache.accept("d", t + 3, t + 3)).isTrue();
        // expired ones leave without raising the floor
        assertThat(cache.accept("e", t + 70_000, t + 70_000)).isTrue();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> ClusterSecret.of("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterSecret.of(SECRET, "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterSecret.configured(SECRET, "/some/file", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ClusterSecret.configured(null, null, null)).isEmpty();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
