package io.xfs.proxy.auth;

import io.xfs.common.auth.client.AuthClient;
import io.xfs.common.auth.sigv4.ReplayGuard;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.auth.sigv4.SigV4Verifier;
import io.xfs.common.http.client.KeepAliveClient;
import io.xfs.common.tls.Tls;
import io.xfs.proxy.config.ProxyProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the {@link RequestGuard} in front of the path API when {@code xfs.auth.enabled}, after the mas
 * bucket's filter (which marks token-authorized downloads); on by default, it needs the admin key to look up
 * access keys and stops the start without it; warns when switched off.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(ProxyAuthProperties auth, ProxyProperties proxy,
                                                      ObjectProvider<Tls> tls) {
        Clock clock = Clock.systemUTC();
        ProxyAuthProperties.Admin admin = auth.admin();
        if (auth.enabled() && !admin.configured()) {
            // Without the admin key no access key can be looked up: fail now rather than serve a proxy that
            // refuses every signed request, or tempt an operator to open it silently (docs/operations.md).
            throw new IllegalStateException("xfs.auth.enabled is true (the default) but xfs.auth.admin.access-key "
                    + "and xfs.auth.admin.secret-key are not set: give the proxy the admin key (environment "
                    + "XFS_AUTH_ADMIN_ACCESS_KEY / XFS_AUTH_ADMIN_SECRET_KEY), or switch authentication off "
                    + "explicitly with xfs.auth.enabled=false");
        }
        KeepAliveClient http = new KeepAliveClient(KeepAliveClient.Settings.of(proxy.proxy().connectTimeout(),
                proxy.proxy().directoryTimeout()), Tls.forUrl(proxy.directory().url(), tls.getIfAvailable()));
        SigV4Signer signer = admin.configured()
                ? new SigV4Signer(admin.accessKey(), admin.secretKey(), auth.region())
                : new SigV4Signer("none", "none", auth.region()); // auth off: the guard never runs
        AccessCache access = new AccessCache(new AuthClient(http, proxy.directory().url(), signer, clock), clock,
                auth.cacheTtl());
        RequestGuard guard = new RequestGuard(new SigV4Verifier(auth.region(), clock), access,
                new ReplayGuard(clock, auth.replayCache()), proxy.pathPrefixes());
        FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(guard);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
        registration.setEnabled(auth.enabled());
        if (!auth.enabled()) {
            log.warn("xfs.auth.enabled=false: /file and /fileinfo serve anyone without a signature; "
                    + "remove it and give the proxy the admin key (docs/operations.md)");
        }
        return registration;
    }
}
