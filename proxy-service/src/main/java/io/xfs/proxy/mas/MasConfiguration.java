package io.xfs.proxy.mas;

import io.xfs.common.datadir.DataDirLock;
import io.xfs.common.fs.PrivateFiles;
import io.xfs.proxy.config.ProxyProperties;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.token.MemoryTokenStore;
import io.xfs.proxy.token.RedisTokenStore;
import io.xfs.proxy.token.SystemTokens;
import io.xfs.proxy.token.TokenCodec;
import io.xfs.proxy.token.TokenLifetime;
import io.xfs.proxy.token.TokenService;
import io.xfs.proxy.token.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Wires the token domain and the mas API from {@link MasProperties} and {@code xfs.redis.url}: Redis stores
 * when a URL is set (every proxy shares tokens and uploads), memory stores otherwise. A {@link Clock} bean,
 * if the context has one (tests do), is the time of tokens and uploads.
 */
@Configuration(proxyBeanMethods = false)
class MasConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MasConfiguration.class);
    /** Kept past a token's deadline before Redis drops it: absorbs clock skew between proxies. */
    private static final Duration REDIS_TOKEN_GRACE = Duration.ofMinutes(10);
    private static final int SPOOL_MEMORY_LIMIT = 256 * 1024;

    /** The Redis client, or none; closed with the context. */
    record Backends(TokenStore tokens, UploadStateStore uploads, @Nullable UnifiedJedis redis) implements AutoCloseable {
        @Override
        public void close() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Bean
    Backends masBackends(XfsRedisProperties redisProperties) {
        URI url = redisProperties.url();
        if (url == null) {
            log.info("tokens and upload state live in this proxy's memory (set xfs.redis.url to share them)");
            return new Backends(new MemoryTokenStore(), new MemoryUploadStateStore(), null);
        }
        RedisClient redis = RedisClient.create(url);
        log.info("tokens and upload state live in Redis at {}:{}", url.getHost(), url.getPort());
        return new Backends(new RedisTokenStore(redis, REDIS_TOKEN_GRACE), new RedisUploadStateStore(redis), redis);
    }

    @Bean
    TokenService tokenService(MasProperties properties, Backends backends, ObjectProvider<Clock> clock) {
        byte[] key;
        if (properties.signingKey() == null || properties.signingKey().isEmpty()) {
            log.warn("xfs.tokens.signing-key is not set: using a random key, so tokens work on this proxy only");
            key = TokenCodec.randomKey();
        } else {
            key = properties.signingKey().getBytes(StandardCharsets.UTF_8);
        }
        return new TokenService(new TokenCodec(key), backends.tokens(), clock.getIfAvailable(Clock::systemUTC),
                new TokenLifetime(properties.lifetime(), properties.extension()));
    }

    @Bean
    MasAuth masAuth(MasProperties properties, TokenService tokens) {
        SystemTokens systemTokens = new SystemTokens(properties.system());
        if (!systemTokens.configured()) {
            log.warn("xfs.tokens.system is not set: the token API refuses every system call");
        }
        return new MasAuth(systemTokens, tokens);
    }

    @Bean
    UploadStateStore uploadStateStore(Backends backends) {
        return backends.uploads();
    }

    @Bean
    MasStorage masStorage(FileService files, MasProperties properties, ObjectProvider<Clock> clock) {
        return new FileServiceMasStorage(files, properties.bucket(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    MasUploads masUploads(MasStorage storage, UploadStateStore states, MasProperties properties,
                          ProxyProperties proxy, ObjectProvider<DataDirLock> dataDir, ObjectProvider<Clock> clock) {
        MasUploads.Limits limits = new MasUploads.Limits(proxy.maxFileSize().toBytes(),
                properties.maxChunkSize().toBytes(), spoolDir(properties, dataDir.getIfAvailable()), SPOOL_MEMORY_LIMIT,
                properties.uploadExpiry());
        return new MasUploads(storage, states, clock.getIfAvailable(Clock::systemUTC), limits);
    }

    @Bean(initMethod = "start")
    MasCleaner masCleaner(MasUploads uploads, TokenService tokens, MasProperties properties,
                          ObjectProvider<DataDirLock> dataDir,
                          ObjectProvider<Clock> clock) {
        return new MasCleaner(uploads, tokens, spoolDir(properties, dataDir.getIfAvailable()), properties.uploadExpiry(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FilterRegistrationBean<PrivateBucketFilter> privateBucketFilter(MasProperties properties, ProxyProperties proxy,
                                                                    TokenService tokens) {
        FilterRegistrationBean<PrivateBucketFilter> registration = new FilterRegistrationBean<>(
                new PrivateBucketFilter(properties.bucket(), proxy.pathPrefixes(), tokens));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /** CORS for {@code /api/**} from the configured origins; none configured, none allowed. */
    @Bean
    WebMvcConfigurer masCors(MasProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (properties.cors().allowedOrigins().isEmpty()) {
                    return;
                }
                registry.addMapping("/api/**")
                        .allowedOriginPatterns(properties.cors().allowedOrigins().toArray(String[]::new))
                        .allowedMethods("GET", "HEAD", "POST", "PUT")
                        .allowedHeaders(MasAuth.TOKEN_HEADER, HttpHeaders.CONTENT_TYPE, HttpHeaders.RANGE,
                                HttpHeaders.IF_NONE_MATCH)
                        .exposedHeaders(HttpHeaders.CONTENT_RANGE, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.ETAG,
                                HttpHeaders.ACCEPT_RANGES, HttpHeaders.CONTENT_LENGTH)
                        .allowCredentials(false)
                        .maxAge(properties.cors().maxAge().toSeconds());
            }
        };
    }

    private static Path spoolDir(MasProperties properties, @Nullable DataDirLock dataDir) {
        String configured = properties.spoolDir();
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : dataDir != null ? dataDir.dir().resolve("mas-spool")
                : Path.of(System.getProperty("java.io.tmpdir"), "xfs-mas-spool");
        try {
            // Spooled uploads are the proxy user's only (docs/operations.md, "File modes"); their files are
            // created 0600 by Files.createTempFile.
            return PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mas spool directory " + dir, e);
        }
    }
}
