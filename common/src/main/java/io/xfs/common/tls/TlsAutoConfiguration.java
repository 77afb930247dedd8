package io.xfs.common.tls;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Gives every xfs service a {@link Tls} bean when {@code server.ssl.bundle} is set, for its Netty port and its
 * internal clients (which take it through {@code ObjectProvider<Tls>}: absent means plain HTTP). One place for
 * all services, so that TLS is configured the same way everywhere (docs/operations.md, "TLS").
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnProperty("server.ssl.bundle")
public class TlsAutoConfiguration {

    /** Null (no bean) when {@code server.ssl.enabled=false}. */
    @Bean
    @Nullable Tls xfsTls(Environment environment, SslBundles bundles) {
        return SslBundleTls.of(environment, bundles);
    }
}
