package io.xfs.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The store service. Its defaults live in {@link #defaults()} rather than in an
 * {@code application.properties}, so that several services can share one JVM (the standalone)
 * without their property files shadowing each other on the classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StoreApplication {

    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", 6062);
        defaults.put("spring.application.name", "store-service");
        defaults.put("spring.threads.virtual.enabled", true);
        defaults.put("server.shutdown", "graceful");
        // Uploads stream their multipart bodies themselves (no 1 MB cap, no temp files).
        defaults.put("spring.servlet.multipart.enabled", false);
        // Proxies and directories keep their connections to a store open; Tomcat would close each after 100.
        defaults.put("server.tomcat.max-keep-alive-requests", -1);
        // The API port's access log (io.xfs.web.access at INFO) is off unless asked for: one line per needle.
        defaults.put("logging.level.io.xfs.web.access", "warn");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoint.health.show-components", "always");
        return defaults;
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(StoreApplication.class).properties(defaults());
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
