package io.xfs.sts.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code xfs.sts.*} as Spring binds it: the host to advertise under its current and its former spelling. */
class StsPropertiesTest {

    @Test
    void advertisedHostIsRead() {
        assertThat(bind(Map.of("xfs.sts.advertised-host", " sts1 ")).configuredHost()).isEqualTo("sts1");
    }

    @Test
    void theFormerSpellingIsStillRead() {
        assertThat(bind(Map.of("xfs.sts.advertise-host", "sts-old")).configuredHost()).isEqualTo("sts-old");
    }

    @Test
    void theCurrentSpellingWinsOverTheFormerOne() {
        StsProperties sts = bind(Map.of("xfs.sts.advertised-host", "new", "xfs.sts.advertise-host", "old"));
        assertThat(sts.configuredHost()).isEqualTo("new");
    }

    @Test
    void noHostConfiguredLeavesItToTheMachine() {
        assertThat(bind(Map.of()).configuredHost()).isNull();
        assertThat(bind(Map.of("xfs.sts.advertised-host", "  ")).configuredHost()).isNull();
    }

    private static StsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("xfs.sts", StsProperties.class);
    }
}
