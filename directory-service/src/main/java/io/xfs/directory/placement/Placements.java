package io.xfs.directory.placement;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.directory.Placement;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.dispatch.Choice;
import io.xfs.directory.dispatch.Dispatcher;
import io.xfs.directory.keygen.KeyGenerator;
import io.xfs.directory.metadata.MetadataStore;
import io.xfs.directory.metadata.PendingPlacement;
import io.xfs.directory.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The directory's write and read path (SPEC §4 {@code /upload}, {@code /commit}, {@code /get}): dedup
 * check, key and cookie, the group chosen by {@link Dispatcher}, and the placement recorded in the
 * metadata before anyone writes to a store, so that an upload never committed is found again as garbage.
 * Answers carry the stores that can serve each needle right now. Thread-safe.
 */
public final class Placements {

    /**
     * @param ttl           how long a placement may stay uncommitted
     * @param zookeeperWait how long a placement waits for ZooKeeper (a key worker id) before 503
     */
    public record Settings(Duration ttl, Duration zookeeperWait) {
    }

    /**
     * One {@code /upload}.
     *
     * @param sha256         lower-case hex; dedup is checked unless {@code chunk}
     * @param chunk          a chunk of a large file: no dedup check
     * @param excludedGroups groups the caller failed to write to: never chosen
     * @param avoidedStores  stores ({@code host:port}) the caller's breakers avoid: their groups are chosen
     *                       only when no other group has room
     */
    public record Request(String bucket, String filename, long size, String sha256, boolean chunk,
                          Set<Integer> excludedGroups, Set<String> avoidedStores) {
        public Request {
            excludedGroups = Set.copyOf(excludedGroups);
            avoidedStores = Set.copyOf(avoidedStores);
        }

        public Request(String bucket, String filename, long size, String sha256, boolean chunk,
                       Set<Integer> excludedGroups) {
            this(bucket, filename, size, sha256, chunk, excludedGroups, Set.of());
        }
    }

    private final MetadataStore metadata;
    private final KeyGenerator keys;
    private final Dispatcher dispatcher;
    private final Supplier<Topology> topology;
    private final Settings settings;
    private final Supplier<Set<String>> excludedStores;

    public Placements(MetadataStore metadata, KeyGenerator keys, Dispatcher dispatcher,
                      Supplier<Topology> topology, Settings settings) {
        this(metadata, keys, dispatcher, topology, settings, Set::of);
    }

    /**
     * @param excludedStores stores ({@code host:port}) the directory itself avoids ({@link StoreHealth})
     */
    public Placements(MetadataStore metadata, KeyGenerator keys, Dispatcher dispatcher,
                      Supplier<Topology> topology, Settings settings, Supplier<Set<String>> excludedStores) {
        this.excludedStores = excludedStores;
        this.metadata = metadata;
        this.keys = keys;
        this.dispatcher = dispatcher;
        this.topology = topology;
        this.settings = settings;
    }

    /**
     * A new placement, or {@link Placement#deduplicated()} when the bucket holds this content already.
     *
     * @throws XfsException {@link ErrorCode#ZOOKEEPER_UNAVAILABLE} (503) when no key can be issued within
     *                      the wait; {@link ErrorCode#NO_WRITABLE_GROUP} (503) when no group has room
     */
    public Placement place(Request request) {
        if (!request.chunk() && metadata.findContent(request.bucket(), request.sha256(), request.size()).isPresent()) {
            return Placement.deduplicated();
        }
        long deadline = System.nanoTime() + settings.zookeeperWait().toNanos();
        long key = keys.nextKey(settings.zookeeperWait());
        awaitFirstTopology(deadline);
        Choice choice = dispatcher.choose(request.size(), request.excludedGroups(), avoided(request))
                .orElseThrow(() -> new XfsException(ErrorCode.NO_WRITABLE_GROUP,
                        "no writable group has room for " + request.size() + " bytes"
                                + (request.excludedGroups().isEmpty() ? "" : " outside groups "
                                + request.excludedGroups())));
        int cookie = keys.nextCookie();
        long expiresAt = System.currentTimeMillis() + settings.ttl().toMillis();
        metadata.recordPlacement(new PendingPlacement(request.bucket(), choice.vid(), key, cookie, expiresAt));
        return Placement.needle(choice.gid(), choice.vid(), key, cookie, choice.stores(), expiresAt);
    }

    /** The caller's open breakers and the stores this directory excluded: both only steer the choice. */
    private Set<String> avoided(Request request) {
        Set<String> excluded = excludedStores.get();
        if (excluded.isEmpty()) {
            return request.avoidedStores();
        }
        if (request.avoidedStores().isEmpty()) {
            return excluded;
        }
        Set<String> both = new HashSet<>(excluded);
        both.addAll(request.avoidedStores());
        return both;
    }

    /** Right after start the topology may not have been read yet: wait for it rather than answer "no group". */
    private void awaitFirstTopology(long deadlineNanos) {
        while (topology.get().readAtMillis() == 0 && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes a file visible; 409 when a placement expired or deduplicated content vanished. */
    public FileView commit(CommitRequest request) {
        return withStores(metadata.commit(request, System.currentTimeMillis()));
    }

    /**
     * Commits each request as {@link #commit} would, with one durable sync for the batch
     * ({@link MetadataStore#commitAll}); one failing does not fail the others. Files come with their stores.
     */
    public List<MetadataStore.Committed> commitAll(List<CommitRequest> requests) {
        List<MetadataStore.Committed> results = new ArrayList<>(requests.size());
        for (MetadataStore.Committed c : metadata.commitAll(requests, System.currentTimeMillis())) {
            FileView file = c.file();
            results.add(file != null ? new MetadataStore.Committed(withStores(file), null) : c);
        }
        return results;
    }

    /** A visible file with the stores that can serve each of its needles now. */
    public Optional<FileView> get(String bucket, String name) {
        return metadata.get(bucket, name).map(this::withStores);
    }

    private FileView withStores(FileView file) {
        Topology t = topology.get();
        List<NeedleRef> chunks = new ArrayList<>(file.chunks().size());
        for (NeedleRef c : file.chunks()) {
            chunks.add(new NeedleRef(c.vid(), c.key(), c.cookie(), c.size(), t.readableStores(c.vid())));
        }
        return FileView.of(file.bucket(), file.filename(), file.size(), file.mime(), file.sha1(), file.sha256(),
                file.mtime(), chunks);
    }
}
