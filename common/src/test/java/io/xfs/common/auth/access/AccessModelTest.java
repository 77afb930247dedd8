package io.xfs.common.auth.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessModelTest {

    @Test
    void grantsParseAndAllowPerBucketAndForEveryBucket() {
        Grants grants = Grants.parse(List.of("photos:read,list", "*:list", "logs:*"));
        assertThat(grants.allows("photos", Permission.READ)).isTrue();
        assertThat(grants.allows("photos", Permission.WRITE)).isFalse();
        assertThat(grants.allows("other", Permission.LIST)).isTrue();
        assertThat(grants.allows("other", Permission.READ)).isFalse();
        assertThat(grants.allows("logs", Permission.DELETE)).isTrue();
        assertThat(Grants.parse(grants.specs())).isEqualTo(grants);
        assertThatThrownBy(() -> Grants.parse(List.of("photos:fly"))).hasMessageContaining("unknown permission");
        assertThatThrownBy(() -> Grants.parse(List.of("Bad Bucket:read"))).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> Grants.parse(List.of())).hasMessageContaining("at least one grant");
    }

    @Test
    void rulesGiveAnonymousCallersOnlyWhatAPublicReadBucketAllows() {
        AccessKey reader = new AccessKey("K1", "s", Grants.parse(List.of("photos:read")), 0, false);
        assertThat(AccessRules.allows(null, "photos", Permission.READ, BucketPolicy.PUBLIC_READ)).isTrue();
        assertThat(AccessRules.allows(null, "photos", Permission.LIST, BucketPolicy.PUBLIC_READ)).isTrue();
        assertThat(AccessRules.allows(null, "photos", Permission.WRITE, BucketPolicy.PUBLIC_READ)).isFalse();
        assertThat(AccessRules.allows(reader, "photos", Permission.READ, BucketPolicy.PRIVATE)).isTrue();
        assertThat(AccessRules.allows(reader, "other", Permission.READ, BucketPolicy.PUBLIC_READ)).isTrue();
        assertThatThrownBy(() -> AccessRules.check(null, "photos", Permission.READ, BucketPolicy.PRIVATE))
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(() -> AccessRules.check(reader, "photos", Permission.DELETE, BucketPolicy.PRIVATE))
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        AccessKey admin = new AccessKey("A", "s", Grants.all(), 0, true);
        AccessRules.check(admin, "anything", Permission.DELETE, BucketPolicy.PRIVATE);
    }

    @Test
    void sealedSecretsOpenOnlyWithTheSameMaterialAndKeyId() {
        SecretSealer sealer = new SecretSealer("0123456789abcdef-material");
        AccessKey key = new AccessKey(AccessKey.newId(), AccessKey.newSecret(), Grants.parse(List.of("b:read")), 7, false);
        SealedAccessKey sealed = SealedAccessKey.seal(key, sealer);
        assertThat(sealed.sealedSecret()).doesNotContain(key.secret());
        assertThat(sealed.open(sealer)).isEqualTo(key);
        assertThatThrownBy(() -> sealed.open(new SecretSealer("another-material-0123456")))
                .satisfies(e -> assertThat(((XfsException) e).errorCode()).isEqualTo(ErrorCode.INTERNAL));
        assertThatThrownBy(() -> sealer.open("OTHERID", sealed.sealedSecret())).isInstanceOf(XfsException.class);
        assertThat(key.toString()).doesNotContain(key.secret());
        assertThat(AccessKey.newId()).hasSize(20).startsWith("XFS");
        assertThat(AccessKey.newSecret()).hasSize(40);
    }
}
