package io.xfs.directory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.events.RabbitSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the RabbitMQ password comes from: the environment first, else the password file; never a property. */
class EventsConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void thePasswordComesFromTheEnvironmentBeforeTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        RabbitSettings fromEnv = EventsConfiguration.rabbitSettings(events("xfs", file),
                Map.of("XFS_EVENTS_PASSWORD", "from-env")::get);
        assertThat(fromEnv.password()).isEqualTo("from-env");
        RabbitSettings fromFile = EventsConfiguration.rabbitSettings(events("xfs", file), name -> null);
        assertThat(fromFile.password()).as("the trailing newline is not part of it").isEqualTo("from-file");
        assertThat(fromFile.toString()).doesNotContain("from-file");
    }

    @Test
    void enabledEventsWithoutAUserOrAPasswordRefuseToStart() {
        assertRefused(() -> EventsConfiguration.rabbitSettings(events(null, null), name -> "pw"), "username");
        assertRefused(() -> EventsConfiguration.rabbitSettings(events("xfs", null), name -> null),
                "XFS_EVENTS_PASSWORD");
        assertRefused(() -> EventsConfiguration.rabbitSettings(events("xfs", dir.resolve("missing")), name -> null),
                "password-file");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThat(e.getMessage()).contains(mentions);
        });
    }

    private static EventsProperties events(@Nullable String username, @Nullable Path passwordFile) {
        return new EventsProperties(true, "127.0.0.1", 5672, "/", username, passwordFile, false, "xfs.events", 100,
                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }
}
