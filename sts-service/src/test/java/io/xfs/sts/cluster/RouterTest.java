package io.xfs.sts.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final StsMember A = new StsMember("10.0.0.1:6070", 1);
    private static final StsMember B = new StsMember("10.0.0.2:6070", 1);

    @Test
    void withNoMembersEveryKeyIsLocal() {
        Router router = new Router();
        router.self(A.address());
        assertThat(router.remoteOwner("anything")).isEmpty();
    }

    @Test
    void twoInstancesAgreeOnOneOwnerPerKeyAndSplitTheKeys() {
        Router onA = new Router();
        onA.self(A.address());
        onA.update(List.of(A, B));
        Router onB = new Router();
        onB.self(B.address());
        onB.update(List.of(B, A));
        int localToA = 0;
        for (int i = 0; i < 1000; i++) {
            String key = "file-" + i;
            boolean aOwns = onA.remoteOwner(key).isEmpty();
            assertThat(onB.remoteOwner(key)).as(key).isEqualTo(aOwns ? java.util.Optional.of(A)
                    : java.util.Optional.empty());
            localToA += aOwns ? 1 : 0;
        }
        assertThat(localToA).isBetween(400, 600);
    }

    @Test
    void whenTheOwnerLeavesItsKeysComeHome() {
        Router onA = new Router();
        onA.self(A.address());
        onA.update(List.of(A, B));
        String ownedByB = firstKeyOwnedBy(onA, B);
        assertThat(onA.remoteOwner(ownedByB)).contains(B);
        onA.update(List.of(A));
        assertThat(onA.remoteOwner(ownedByB)).isEmpty();
    }

    @Test
    void aMemberOfWeightZeroGetsNoKeys() {
        Router onA = new Router();
        onA.self(A.address());
        onA.update(List.of(A, new StsMember(B.address(), 0)));
        for (int i = 0; i < 200; i++) {
            assertThat(onA.remoteOwner("k" + i)).isEmpty();
        }
    }

    static String firstKeyOwnedBy(Router router, StsMember owner) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (router.remoteOwner(key).filter(owner::equals).isPresent()) {
                return key;
            }
        }
    }
}
