package io.xfs.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/operations.md is the configuration reference: every property a service binds must be in it. */
class OperationsDocTest {

    @Test
    void everyConfigurationPropertyOfEveryServiceIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"));
        List<String> properties = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if (!url.toString().contains("-service")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                JsonNode metadata = Json.mapper().readTree(in);
                metadata.path("properties").forEach(p -> {
                    String name = p.path("name").asString();
                    if (name.startsWith("xfs.")) {
                        properties.add(name);
                    }
                });
            }
        }
        assertThat(properties).as("properties found in the services' metadata").hasSizeGreaterThan(30);
        assertThat(properties).as("documented in docs/operations.md (run scripts/config-reference.py)")
                .allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    }
}
