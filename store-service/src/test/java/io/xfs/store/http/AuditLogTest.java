package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.StoreClient;
import io.xfs.store.RunningStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every admin call on the management port leaves one {@code xfs.audit} line naming its caller. */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {
    @TempDir
    Path dataDir;

    @Test
    void adminCallsAreLoggedWithTheirCallerRefusedOnesToo(CapturedOutput output) throws Exception {
        try (RunningStore store = RunningStore.start(dataDir, Map.of("xfs.cluster-secret", RunningStore.SECRET))) {
            assertThatThrownBy(() -> StoreClient.create(null).addVolume(store.adminAddress(), 7))
                    .isInstanceOf(XfsException.class);
            RunningStore.client(InternalRole.OPERATOR).addVolume(store.adminAddress(), 7);

            assertThat(output.getOut()).containsPattern(
                    "xfs\\.audit\\s*: store POST /admin/add_volume\\?vid=7 -> 401 by anonymous from 127\\.0\\.0\\.1");
            assertThat(output.getOut()).containsPattern(
                    "xfs\\.audit\\s*: store POST /admin/add_volume\\?vid=7 -> 200 by internal:operator/test-operator from 127\\.0\\.0\\.1");
            assertThat(output.getOut()).doesNotContain(RunningStore.SECRET);
        }
    }
}
