package io.xfs.directory.http;

import io.xfs.directory.backup.BackupDirectory;
import io.xfs.directory.dispatch.DispatchPlan;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.StoreHealth;
import io.xfs.directory.provision.Provisioner;
import io.xfs.directory.replication.ReplicationMonitor;
import io.xfs.directory.topology.StoreNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /topology} and the admin calls: groups, volumes, the metadata backup and deleting a bucket. */
@RestController
class AdminController {
    private final Dispatcher dispatcher;
    private final Provisioner provisioner;
    private final MetadataStore metadata;
    private final KeyGenerator keys;
    private final CuratorFramework zk;
    private final LeaderLatch leader;
    private final ReplicationMonitor replication;
    private final StoreHealth health;
    private final BackupDirectory backups;

    AdminController(Dispatcher dispatcher, Provisioner provisioner, MetadataStore metadata, KeyGenerator keys,
                    CuratorFramework zk, LeaderLatch leader, ReplicationMonitor replication, StoreHealth health,
                    BackupDirectory backups) {
        this.health = health;
        this.backups = backups;
        this.dispatcher = dispatcher;
        this.provisioner = provisioner;
        this.metadata = metadata;
        this.keys = keys;
        this.zk = zk;
        this.leader = leader;
        this.replication = replication;
    }

    @GetMapping("/topology")
    TopologyView topology() {
        DispatchPlan plan = dispatcher.plan();
        var t = plan.topology();
        return new TopologyView(
                zk.getZookeeperClient().isConnected(),
                leader.hasLeadership(),
                keys.workerId().isPresent() ? keys.workerId().getAsInt() : null,
                t.readAtMillis(),
                t.stores().values().stream().map(StoreNode::registration).toList(),
                plan.groups(),
                List.copyOf(t.volumes().values()),
                plan.groups().stream().filter(GroupScore::writable).map(GroupScore::gid).toList(),
                replication.report(),
                health.suspects(),
                List.copyOf(health.excluded()));
    }

    /**
     * {@code POST /report?store=host:port&reporter=id}: a proxy's upload to {@code store} failed (its breaker
     * opened). The store becomes suspect and is checked at once; {@code known} is false for an address that
     * is not a registered store's.
     */
    @PostMapping("/report")
    Map<String, Object> report(@RequestParam String store, @RequestParam(defaultValue = "") String reporter) {
        return Map.of("ret", 1, "known", health.reportAndCheck(store, reporter));
    }

    @PostMapping("/admin/group")
    Map<String, Object> createGroup(@RequestParam String stores) {
        List<String> ids = Arrays.stream(stores.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        int gid = provisioner.createGroup(ids);
        return Map.of("ret", 1, "gid", gid);
    }

    @PostMapping("/admin/volume")
    Map<String, Object> addVolumes(@RequestParam int gid, @RequestParam(defaultValue = "1") int count) {
        Params.range(count, 1, 1000, "count");
        return Map.of("ret", 1, "vids", provisioner.addVolumes(gid, count));
    }

    /** A checkpoint under the backup directory only ({@link BackupDirectory}). */
    @PostMapping("/admin/backup")
    Map<String, Object> backup(@RequestParam String dir) {
        Path target = backups.target(dir);
        metadata.checkpoint(target);
        return Map.of("ret", 1, "dir", target.toString());
    }

    /**
     * Deletes every file of {@code bucket}: its own admin call, so that an empty file name in {@code /del}
     * (a client's bug) can never mean "everything".
     */
    @PostMapping("/admin/delete_bucket")
    Map<String, Object> deleteBucket(@RequestParam String bucket) {
        Params.bucket(bucket);
        long deleted = metadata.deleteRecursively(bucket, "");
        return Map.of("ret", 1, "bucket", bucket, "deleted", deleted);
    }
}
