package io.xfs.sts;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sts service. Its defaults live in {@link #defaults()} rather than in an
 * {@code application.properties}, so that several services can share one JVM (the standalone)
 * without their property files shadowing each other on the classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StsApplication {

    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", 6070);
        defaults.put("spring.application.name", "sts-service");
        defaults.put("spring.threads.virtual.enabled", true);
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,zookeeper");
        return defaults;
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(StsApplication.class).properties(defaults());
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
