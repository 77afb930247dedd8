package io.xfs.sts.config;

import io.xfs.common.datadir.DataDirLock;
import io.xfs.sts.slot.SlotJanitor;
import io.xfs.sts.slot.SlotStore;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the slot store on {@code xfs.data-dir} (rebuilding its index) and its cleanup timer. */
@Configuration(proxyBeanMethods = false)
class SlotConfiguration {
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DataDirLock dataDirLock(DataDirProperties dataDir) {
        return DataDirLock.acquire(dataDir.dataDir(), "sts");
    }

    @Bean
    SlotStore slotStore(DataDirLock dataDir, StsProperties sts, Clock clock) throws IOException {
        return SlotStore.open(dataDir.dir(), sts.slot(), sts.retention(), clock);
    }

    @Bean(destroyMethod = "close")
    SlotJanitor slotJanitor(SlotStore store, StsProperties sts) {
        return new SlotJanitor(store, sts.cleanupInterval());
    }
}
