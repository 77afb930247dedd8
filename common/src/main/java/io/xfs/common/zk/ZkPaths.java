package io.xfs.common.zk;

/**
 * The ZooKeeper tree of an xfs cluster (SPEC §4). All paths are absolute; a cluster may live under a
 * namespace chosen with Curator's {@code namespace(...)}.
 *
 * <pre>
 * /rack/&lt;rack&gt;/&lt;storeId&gt;     EPHEMERAL, data = StoreRegistration JSON, refreshed by the store
 * /group/&lt;gid&gt;                persistent, data = GroupInfo JSON
 * /group/&lt;gid&gt;/&lt;storeId&gt;      persistent, empty: membership
 * /volume/&lt;vid&gt;               persistent, data = VolumeInfo JSON (its group)
 * /volume/&lt;vid&gt;/&lt;storeId&gt;     persistent, empty: which stores hold a replica
 * /keygen/workers/&lt;n&gt;        EPHEMERAL, claimed by one directory instance (snowflake worker id)
 * /directory/leader          Curator leader latch for provisioning and the reaper
 * /sts/&lt;instance&gt;            EPHEMERAL, data = StsMember JSON
 * </pre>
 */
public final class ZkPaths {
    public static final String RACK = "/rack";
    public static final String GROUP = "/group";
    public static final String VOLUME = "/volume";
    public static final String KEYGEN_WORKERS = "/keygen/workers";
    public static final String DIRECTORY_LEADER = "/directory/leader";
    public static final String STS = "/sts";

    private ZkPaths() {
    }

    public static String rack(String rack) {
        return RACK + "/" + rack;
    }

    public static String rackStore(String rack, String storeId) {
        return rack(rack) + "/" + storeId;
    }

    public static String group(int gid) {
        return GROUP + "/" + gid;
    }

    public static String groupStore(int gid, String storeId) {
        return group(gid) + "/" + storeId;
    }

    public static String volume(int vid) {
        return VOLUME + "/" + vid;
    }

    public static String volumeStore(int vid, String storeId) {
        return volume(vid) + "/" + storeId;
    }

    public static String keygenWorker(int workerId) {
        return KEYGEN_WORKERS + "/" + workerId;
    }

    public static String sts(String instance) {
        return STS + "/" + instance;
    }
}
