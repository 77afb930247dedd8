package io.xfs.directory.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.dispatch.DispatchPlan;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.dispatch.GroupScore;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.placement.StoreHealth;
import io.xfs.directory.provision.Provisioner;
import io.xfs.directory.replication.ReplicationMonitor;
import io.xfs.directory.topology.StoreNode;
import java.nio.file.InvalidPathException;
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

/** {@code /topology} and the admin calls: groups, volumes and the metadata backup. */
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

    AdminController(Dispatcher dispatcher, Provisioner provisioner, MetadataStore metadata, KeyGenerator keys,
                    CuratorFramework zk, LeaderLatch leader, ReplicationMonitor replication, StoreHealth health) {
        this.health = health;
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

    @PostMapping("/admin/backup")
    Map<String, Object> backup(@RequestParam String dir) {
        Path target;
        try {
            target = Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "dir is not a path: " + dir);
        }
        if (dir.isBlank()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "dir is empty");
        }
        metadata.checkpoint(target);
        return Map.of("ret", 1, "dir", target.toString());
    }
}
