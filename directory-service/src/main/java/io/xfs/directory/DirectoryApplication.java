package io.xfs.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The directory service. Its defaults live in {@link #defaults()} rather than in an
 * {@code application.properties}, so that several services can share one JVM (the standalone)
 * without their property files shadowing each other on the classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DirectoryApplication {

    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", 6065);
        defaults.put("spring.application.name", "directory-service");
        // Platform threads, not virtual ones: every metadata write is a synced RocksDB call through JNI,
        // which pins a virtual thread to its carrier for the whole fsync. With as many carriers as cores
        // (2 here) that serialized all requests of the JVM behind a couple of fsyncs (measured: proxy
        // writes capped near 90/s whatever the concurrency).
        defaults.put("spring.threads.virtual.enabled", false);
        defaults.put("server.shutdown", "graceful");
        // The proxies keep their connections to the directory open: closing each after 100 requests (Tomcat's
        // default) only makes them reconnect.
        defaults.put("server.tomcat.max-keep-alive-requests", -1);
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoint.health.show-components", "always");
        return defaults;
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DirectoryApplication.class).properties(defaults());
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
