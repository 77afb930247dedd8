package io.xfs.directory.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Plays the directory against a {@link MetadataStore} in the contract tests: hands out placements,
 * commits uploads, and remembers every needle, path and content it ever used, so that
 * {@link #assertConsistent()} can check the store's invariants afterwards (reference counts equal
 * references; every needle placed is referenced or garbage, never both). Thread-safe.
 */
public final class MetadataLedger {
    public static final long NOW = 1_700_000_000_000L;
    public static final long TTL = 60_000;

    private final Supplier<MetadataStore> store;
    private final AtomicLong keys = new AtomicLong(1_000);
    private final Set<GarbageNeedle> placed = ConcurrentHashMap.newKeySet();
    private final Set<String> paths = ConcurrentHashMap.newKeySet();
    private final Set<ContentId> contents = ConcurrentHashMap.newKeySet();

    public record ContentId(String bucket, String sha256, long size) {
    }

    /** @param store the store under test (a supplier: tests reopen it) */
    public MetadataLedger(Supplier<MetadataStore> store) {
        this.store = store;
    }

    /** Records a placement of one needle of {@code size} bytes, expiring at {@code expiresAt}. */
    public NeedleRef place(String bucket, long size, long expiresAt) {
        long key = keys.incrementAndGet();
        int vid = (int) (key % 3) + 1;
        int cookie = (int) (key * 2654435761L) | 1;
        store.get().recordPlacement(new PendingPlacement(bucket, vid, key, cookie, expiresAt));
        placed.add(new GarbageNeedle(vid, key, cookie));
        return new NeedleRef(vid, key, cookie, size);
    }

    public NeedleRef place(String bucket, long size) {
        return place(bucket, size, NOW + TTL);
    }

    /** Writes {@code content} as one needle and commits it (no dedup shortcut), at {@link #NOW}. */
    public FileView upload(String bucket, String name, String content) {
        byte[] bytes = bytes(content);
        return store.get().commit(request(bucket, name, content, List.of(place(bucket, bytes.length))), NOW);
    }

    /** As the proxy does: dedup commit if the bucket holds the content, else write and commit. */
    public FileView uploadWithDedup(String bucket, String name, String content) {
        Optional<ContentRecord> held = store.get().findContent(bucket, sha256(content), bytes(content).length);
        return held.isPresent() ? store.get().commit(dedupRequest(bucket, name, content), NOW)
                : upload(bucket, name, content);
    }

    public CommitRequest request(String bucket, String name, String content, List<NeedleRef> chunks) {
        track(bucket, name, content);
        byte[] bytes = bytes(content);
        return new CommitRequest(bucket, name, bytes.length, "text/plain", sha1(content), sha256(content), false,
                chunks);
    }

    public CommitRequest dedupRequest(String bucket, String name, String content) {
        track(bucket, name, content);
        return new CommitRequest(bucket, name, bytes(content).length, "text/plain", sha1(content),
                sha256(content), true, List.of());
    }

    private void track(String bucket, String name, String content) {
        paths.add(bucket + "\u0000" + name);
        contents.add(new ContentId(bucket, sha256(content), bytes(content).length));
    }

    /** Every garbage needle, paging through {@link MetadataStore#garbage} with a small page. */
    public List<GarbageNeedle> allGarbage() {
        List<GarbageNeedle> all = new ArrayList<>();
        GarbageNeedle after = null;
        while (true) {
            List<GarbageNeedle> page = store.get().garbage(after, 7);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.getLast();
        }
    }

    /**
     * Expires every pending placement, then checks: each content's count equals the files referencing
     * it (absent at zero), each file's chunks are its content's, no referenced needle is garbage, every
     * needle ever placed is referenced or garbage, and none is garbage twice.
     */
    public void assertConsistent() {
        MetadataStore s = store.get();
        s.expirePlacements(Long.MAX_VALUE, Integer.MAX_VALUE);
        Map<ContentId, Integer> references = new HashMap<>();
        Map<ContentId, List<NeedleRef>> chunksOf = new HashMap<>();
        Set<GarbageNeedle> referenced = new HashSet<>();
        for (String path : paths) {
            String bucket = path.substring(0, path.indexOf('\u0000'));
            String name = path.substring(path.indexOf('\u0000') + 1);
            Optional<FileView> file = s.get(bucket, name);
            if (file.isEmpty()) {
                continue;
            }
            FileView f = file.get();
            ContentId id = new ContentId(bucket, f.sha256(), f.size());
            references.merge(id, 1, Integer::sum);
            List<NeedleRef> previous = chunksOf.putIfAbsent(id, f.chunks());
            assertThat(previous == null ? f.chunks() : previous).as("files sharing content share needles")
                    .isEqualTo(f.chunks());
            f.chunks().forEach(c -> referenced.add(new GarbageNeedle(c.vid(), c.key(), c.cookie())));
        }
        for (ContentId id : contents) {
            Optional<ContentRecord> record = s.findContent(id.bucket(), id.sha256(), id.size());
            Integer refs = references.get(id);
            if (refs == null) {
                assertThat(record).as("content without files %s", id).isEmpty();
            } else {
                assertThat(record).as("content %s", id).isPresent();
                assertThat(record.get().refs()).as("references of %s", id).isEqualTo(refs.longValue());
                assertThat(record.get().chunks()).isEqualTo(chunksOf.get(id));
            }
        }
        List<GarbageNeedle> garbage = allGarbage();
        Set<GarbageNeedle> garbageSet = new HashSet<>(garbage);
        assertThat(garbageSet).as("garbage lists each needle once").hasSameSizeAs(garbage);
        Set<GarbageNeedle> referencedGarbage = new HashSet<>(garbageSet);
        referencedGarbage.retainAll(referenced);
        assertThat(referencedGarbage).as("referenced needles in garbage").isEmpty();
        Set<GarbageNeedle> accounted = new HashSet<>(referenced);
        accounted.addAll(garbageSet);
        assertThat(accounted).as("every placed needle is referenced or garbage").isEqualTo(placed);
    }

    public static GarbageNeedle needle(NeedleRef ref) {
        return new GarbageNeedle(ref.vid(), ref.key(), ref.cookie());
    }

    public static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(String content) {
        return digest("SHA-256", content);
    }

    public static String sha1(String content) {
        return digest("SHA-1", content);
    }

    private static String digest(String algorithm, String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
