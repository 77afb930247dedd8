package io.xfs.common.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalAuthTest {
    @TempDir
    Path dir;

    @Test
    void aServiceWithoutASecretStartsOnLoopbackOnlyUnlessToldOtherwise() {
        InternalAuth none = InternalAuth.none();
        assertThatThrownBy(() -> none.checkExposure("store", null, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every interface").hasMessageContaining("xfs.security.allow-insecure");
        assertThatThrownBy(() -> none.checkExposure("store", "10.1.2.3", false)).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> none.checkExposure("store", "127.0.0.1", false)).doesNotThrowAnyException();
        assertThatCode(() -> none.checkExposure("store", "localhost", false)).doesNotThrowAnyException();
        assertThatCode(() -> none.checkExposure("store", null, true)).doesNotThrowAnyException();
        InternalAuth secret = InternalAuth.configured("a-cluster-secret-of-length", null, null);
        assertThatCode(() -> secret.checkExposure("store", null, false)).doesNotThrowAnyException();
        assertThat(secret.signer(InternalRole.STORE, "s1")).isNotNull();
        assertThat(none.signer(InternalRole.STORE, "s1")).isNull();
    }

    @Test
    void aSecretFileIsMadeOnceReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("cluster.secret");
        String made = SecretFile.ensure(file);
        assertThat(made).hasSizeGreaterThanOrEqualTo(ClusterSecret.MIN_LENGTH);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(SecretFile.ensure(file)).isEqualTo(made);
        InternalAuth fromFile = InternalAuth.configured(null, file.toString(), null);
        InternalVerifier verifier = fromFile.verifier(InternalRoutes.builder().allow("/x", InternalRole.OPERATOR));
        InternalSigner signer = new InternalSigner(ClusterSecret.of(made), InternalRole.OPERATOR, "t");
        assertThat(verifier.verify("GET", "/x", null, signer.sign("GET", "/x"), -1).caller()).isEqualTo("t");
    }
}
