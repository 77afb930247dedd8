package io.xfs.directory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.repair.RabbitRepairDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair queue's settings: the password from the environment or a file, never from a property. */
class RepairConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void theQueueTakesItsPasswordFromTheEnvironmentBeforeTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        RabbitRepairDispatcher.Settings fromEnv = RepairConfiguration.rabbitSettings(repair("xfs", file),
                Map.of("XFS_REPAIR_PASSWORD", "from-env")::get);
        assertThat(fromEnv.broker().password()).isEqualTo("from-env");
        assertThat(fromEnv.queue()).isEqualTo("xfs.repair");
        assertThat(fromEnv.deadLetters()).isEqualTo("xfs.repair.dlq");
        RabbitRepairDispatcher.Settings fromFile = RepairConfiguration.rabbitSettings(repair("xfs", file), name -> null);
        assertThat(fromFile.broker().password()).isEqualTo("from-file");
        assertThat(fromFile.toString()).doesNotContain("from-file");
    }

    @Test
    void theQueueWithoutAUserOrAPasswordRefusesToStart() {
        assertThatThrownBy(() -> RepairConfiguration.rabbitSettings(repair(null, null), name -> "pw"))
                .isInstanceOfSatisfying(XfsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("xfs.repair.rabbitmq.username");
                });
        assertThatThrownBy(() -> RepairConfiguration.rabbitSettings(repair("xfs", null), name -> null))
                .hasMessageContaining("XFS_REPAIR_PASSWORD");
    }

    private static RepairProperties repair(@Nullable String username, @Nullable Path passwordFile) {
        RepairProperties.Rabbitmq rabbitmq = new RepairProperties.Rabbitmq("127.0.0.1", 5672, "/", username,
                passwordFile, false, "xfs.repair", 5, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1));
        return new RepairProperties(true, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(2),
                Duration.ofSeconds(20), 2, RepairProperties.Dispatcher.RABBITMQ, rabbitmq);
    }
}
