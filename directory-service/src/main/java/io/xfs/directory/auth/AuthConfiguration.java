package io.xfs.directory.auth;

import io.xfs.common.auth.sigv4.SigV4Verifier;
import io.xfs.directory.metadata.MetadataStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the key calls and their admin-key check onto {@code /auth/**}. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {
    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    private final AuthProperties properties;
    private final AccessKeys keys;

    AuthConfiguration(AuthProperties properties, MetadataStore metadata) {
        this.properties = properties;
        this.keys = new AccessKeys(metadata, properties.admin(), Clock.systemUTC());
        if (!properties.admin().configured()) {
            log.warn("no admin key configured (xfs.auth.admin.access-key / secret-key): access keys and bucket "
                    + "policies cannot be managed or looked up, so proxies let only public-read buckets be read");
        }
    }

    @Bean
    AccessKeys accessKeys() {
        return keys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminKeyInterceptor(new SigV4Verifier(properties.region(), Clock.systemUTC()),
                keys)).addPathPatterns("/auth/**");
    }
}
