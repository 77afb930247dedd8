package io.xfs.directory.http;

import io.xfs.directory.config.ClusterProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Installs the cluster-secret check when {@code xfs.cluster-secret} is set. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration implements WebMvcConfigurer {
    private final ClusterProperties cluster;

    HttpConfiguration(ClusterProperties cluster) {
        this.cluster = cluster;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        String secret = cluster.secret();
        if (secret != null) {
            registry.addInterceptor(new SecretInterceptor(secret)).excludePathPatterns("/actuator/**");
        }
    }
}
