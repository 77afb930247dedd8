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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * No Docker engine runs here, so the compose file is checked statically: every {@code XFS_*} variable
 * and {@code --xfs.*} argument must name a property that the service it is given to really has, as
 * recorded in that service's generated {@code spring-configuration-metadata.json}. A typo would
 * otherwise be ignored silently by Spring's relaxed binding and the cluster would run misconfigured.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> MODULE_OF_COMMAND = Map.of(
            "store", "store-service", "directory", "directory-service",
            "proxy", "proxy-service", "sts", "sts-service");

    /** Variables a service reads itself rather than as a property: secrets that must never be properties. */
    private static final Set<String> READ_FROM_ENVIRONMENT = Set.of("XFS_EVENTS_PASSWORD", "XFS_REPAIR_PASSWORD");

    @Test
    void everyXfsSettingInTheComposeFileNamesAPropertyOfItsService() throws IOException {
        Map<String, Set<String>> known = propertiesByModule();
        assertThat(known).containsKeys("store-service", "directory-service", "proxy-service", "sts-service");
        Map<String, Object> compose = loadCompose();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            List<String> command = commandOf(service.getValue());
            if (command.isEmpty() || !MODULE_OF_COMMAND.containsKey(command.getFirst())) {
                continue;
            }
            Set<String> properties = known.get(MODULE_OF_COMMAND.get(command.getFirst()));
            for (String name : xfsSettings(service.getValue(), command)) {
                checked++;
                if (!properties.contains(canonical(name)) && !READ_FROM_ENVIRONMENT.contains(name)) {
                    unknown.add(service.getKey() + ": " + name);
                }
            }
        }
        assertThat(checked).as("XFS settings found in docker-compose.yml").isGreaterThan(10);
        assertThat(unknown).as("settings that name no property of their service").isEmpty();
    }

    @Test
    void dockerComposeAcceptsTheFileWhereItIsInstalled() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        if (!installed) {
            System.err.println("ComposeFileTest: docker-compose is not installed; `docker-compose config` skipped");
        }
        Assumptions.assumeTrue(installed, "docker-compose not installed");
        Process process = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * The spelling a setting is compared in: lower case, {@code _} as {@code .}. An environment variable
     * may spell a dash either not at all ({@code XFS_STORE_ADVERTISEDHOST}) or, as Spring's legacy
     * mapping accepts, as an underscore ({@code XFS_CLUSTER_SECRET}).
     */
    static String canonical(String setting) {
        String s = setting.startsWith("--") ? setting.substring(2) : setting;
        int eq = s.indexOf('=');
        if (eq >= 0) {
            s = s.substring(0, eq);
        }
        return s.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Both spellings under which a property can be set from the environment or the command line. */
    private static List<String> spellings(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return List.of(p, p.replace("-", ""), p.replace('-', '.'));
    }

    private static List<String> xfsSettings(Map<String, Object> service, List<String> command) {
        List<String> settings = new ArrayList<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> env) {
            env.keySet().stream().map(String::valueOf).filter(k -> k.startsWith("XFS_")).forEach(settings::add);
        } else if (environment instanceof List<?> env) {
            env.stream().map(String::valueOf).map(e -> e.split("=", 2)[0]).filter(k -> k.startsWith("XFS_"))
                    .forEach(settings::add);
        }
        command.stream().filter(a -> a.startsWith("--xfs.")).forEach(settings::add);
        return settings;
    }

    private static List<String> commandOf(Map<String, Object> service) {
        Object command = service.get("command");
        if (command instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (command instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        return List.of();
    }

    private static Map<String, Object> loadCompose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    /** Canonical property names per module, read from each module's metadata on the test classpath. */
    private static Map<String, Set<String>> propertiesByModule() throws IOException {
        Map<String, Set<String>> byModule = new HashMap<>();
        for (URL url : Collections.list(ComposeFileTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            String where = url.toString();
            String module = MODULE_OF_COMMAND.values().stream().filter(where::contains).findFirst().orElse(null);
            if (module == null) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                JsonNode metadata = Json.mapper().readTree(in);
                Set<String> names = byModule.computeIfAbsent(module, m -> new HashSet<>());
                metadata.path("properties").forEach(p -> names.addAll(spellings(p.path("name").asString())));
            }
        }
        return byModule;
    }
}
