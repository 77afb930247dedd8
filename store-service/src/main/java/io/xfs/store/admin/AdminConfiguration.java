package io.xfs.store.admin;

import io.xfs.common.auth.internal.InternalAuth;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.store.StoreClient;
import io.xfs.common.tls.Tls;
import io.xfs.store.config.StoreProperties;
import io.xfs.store.repair.CopyJobs;
import io.xfs.store.node.StoreIdentity;
import io.xfs.store.node.StoreNode;
import io.xfs.store.registry.VolumePeers;
import io.xfs.store.repair.HttpReplicaSource;
import io.xfs.store.repair.NeedleRepairer;
import io.xfs.store.repair.VolumeCopier;
import io.xfs.store.scrub.ScrubListener;
import io.xfs.store.scrub.Scrubber;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires compaction, volume copies and needle repair (the admin API is made of scanned controllers). */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {
    /** Catch-up rounds of one copy run; the repair task asks again when they did not suffice. */
    private static final int COPY_ROUNDS = 20;

    @Bean(destroyMethod = "close")
    Compactor compactor(VolumeManager volumes, StoreProperties store) {
        return new Compactor(volumes, store.compaction().garbageRatio(), store.compaction().checkInterval());
    }

    /** The client of the copies and needle repairs, which read from other stores. */
    @Bean
    StoreClient peerStoreClient(InternalAuth auth, StoreIdentity identity, ObjectProvider<Tls> tls) {
        return StoreClient.create(auth.signer(InternalRole.STORE, identity.id()), tls.getIfAvailable());
    }

    /** Also hears of every damaged needle a read finds, and repairs it in the background (read-repair). */
    @Bean(destroyMethod = "close")
    NeedleRepairer needleRepairer(VolumeManager volumes, StoreClient peerStoreClient,
                                  ObjectProvider<CuratorFramework> zk, StoreIdentity identity) {
        CuratorFramework curator = zk.getIfAvailable();
        IntFunction<List<String>> peers = curator == null ? vid -> List.of() : new VolumePeers(curator, identity.id());
        NeedleRepairer repairer = new NeedleRepairer(volumes, peers, peerStoreClient);
        volumes.onCorruption(repairer);
        return repairer;
    }

    /**
     * What the scrubber finds is repaired like what a read finds: logged (the scrubber's default) and queued
     * on the needle repairer, which fetches a good copy from another replica (docs/operations.md, "Scrub repair").
     */
    @Bean
    ScrubListener scrubRepair(NeedleRepairer repairer) {
        ScrubListener log = Scrubber.loggingListener();
        return new ScrubListener() {
            @Override
            public void badNeedle(Volume.BadNeedle needle) {
                log.badNeedle(needle);
                repairer.corrupt(needle.vid(), needle.key(), needle.cookie());
            }

            @Override
            public void damagedVolume(int vid, String problem) {
                log.damagedVolume(vid, problem);
            }
        };
    }

    @Bean(destroyMethod = "close")
    CopyJobs copyJobs(VolumeManager volumes, StoreNode node, StoreProperties store, StoreClient client) {
        VolumeCopier copier = new VolumeCopier(volumes, (int) store.maxNeedleSize().toBytes(), COPY_ROUNDS,
                node::publishNow);
        return new CopyJobs(copier, api -> new HttpReplicaSource(client, api));
    }

}
