package io.xfs.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The proxy service. Its defaults live in {@link #defaults()} rather than in an
 * {@code application.properties}, so that several services can share one JVM (the standalone)
 * without their property files shadowing each other on the classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProxyApplication {

    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", 2232);
        defaults.put("spring.application.name", "proxy-service");
        // Platform request threads: a proxy request is three blocking exchanges on loopback-fast sockets, and
        // a virtual thread pays a park, a poller registration and a carrier hand-off for each of them. On 2
        // cores that cost 15-20 % of proxy throughput (docs/benchmarks.md). Tomcat's pool (200) bounds the
        // requests in progress; operators with many slow clients can raise it or turn virtual threads on.
        defaults.put("spring.threads.virtual.enabled", false);
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("server.server-header", "xfs");
        // Uploads are streamed by the proxy itself: Spring's multipart support would cap and buffer parts,
        // and the form-content filter would consume a form-encoded PUT body as parameters.
        defaults.put("spring.servlet.multipart.enabled", false);
        defaults.put("spring.mvc.formcontent.filter.enabled", false);
        return defaults;
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProxyApplication.class).properties(defaults());
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
