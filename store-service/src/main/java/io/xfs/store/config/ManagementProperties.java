package io.xfs.store.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code xfs.management.*}: the management port, where admin calls and the actuator answer (SPEC §2).
 *
 * @param port the management port; unset: the API port ({@code server.port}) + 1, or any free port when the
 *             API port is 0
 */
@ConfigurationProperties("xfs.management")
public record ManagementProperties(@Nullable Integer port) {

    /** The port to listen on, given the API port. */
    public int port(int apiPort) {
        if (port != null) {
            return port;
        }
        return apiPort == 0 ? 0 : apiPort + 1;
    }
}
