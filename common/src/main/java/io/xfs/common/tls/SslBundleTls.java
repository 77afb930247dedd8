package io.xfs.common.tls;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * The Spring glue: a service's {@link Tls} is the SSL bundle its Tomcat port serves with ({@code
 * server.ssl.bundle}, usually a PEM bundle {@code spring.ssl.bundle.pem.<name>.*}), so that one configuration
 * covers every port of the service and its calls to the others (docs/operations.md, "TLS"). With {@code
 * reload-on-update} set on the bundle, a changed certificate reaches the Netty port and the clients too.
 */
public final class SslBundleTls {
    private static final Logger log = LoggerFactory.getLogger(SslBundleTls.class);

    private SslBundleTls() {
    }

    /** The service's TLS, or null when {@code server.ssl.bundle} is not set (plain HTTP everywhere). */
    public static @Nullable Tls of(Environment environment, SslBundles bundles) {
        String name = environment.getProperty("server.ssl.bundle");
        if (name == null || name.isBlank() || !environment.getProperty("server.ssl.enabled", Boolean.class, true)) {
            return null;
        }
        String clientAuth = environment.getProperty("server.ssl.client-auth", "none").trim()
                .toUpperCase(Locale.ROOT);
        Tls tls = new Tls(context(bundles.getBundle(name)), Tls.ClientAuth.valueOf(clientAuth));
        bundles.addBundleUpdateHandler(name, updated -> {
            tls.update(context(updated));
            log.info("TLS: SSL bundle '{}' reloaded; new connections use its certificates", name);
        });
        return tls;
    }

    private static javax.net.ssl.SSLContext context(SslBundle bundle) {
        return bundle.createSslContext();
    }
}
