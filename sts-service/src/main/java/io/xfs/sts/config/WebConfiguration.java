package io.xfs.sts.config;

import io.xfs.sts.http.StsLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Limits the HTTP layer applies itself, from {@code xfs.sts.*}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {
    @Bean
    StsLimits stsLimits(StsProperties sts) {
        return new StsLimits(sts.maxFileSize().toBytes());
    }
}
