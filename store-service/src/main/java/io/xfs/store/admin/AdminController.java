package io.xfs.store.admin;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.store.config.XfsProperties;
import io.xfs.store.node.StoreNode;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The store's admin calls, on the management port under {@code /admin/} (writes need the cluster secret, see the
 * filter): add a volume, compact one, probe the store.
 */
@RestController
@RequestMapping("/admin")
class AdminController {
    private final VolumeManager volumes;
    private final Compactor compactor;
    private final Path dataDir;
    private final StoreNode node;

    AdminController(VolumeManager volumes, Compactor compactor, XfsProperties xfs, StoreNode node) {
        this.node = node;
        this.volumes = volumes;
        this.compactor = compactor;
        this.dataDir = xfs.dataDir();
    }

    /** Creates a volume; succeeds also when it exists (the directory retries provisioning). */
    @PostMapping("/add_volume")
    Map<String, Object> addVolume(@RequestParam(required = false) @Nullable String vid) throws IOException {
        int id = vid(vid);
        volumes.add(id);
        return Map.of("ret", 1, "vid", id);
    }

    /** Compacts a volume online; answers when the compaction finished. */
    @PostMapping("/compact_volume")
    Map<String, Object> compactVolume(@RequestParam(required = false) @Nullable String vid) throws IOException {
        int id = vid(vid);
        Volume volume = volumes.volume(id).orElseThrow(
                () -> new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + id + " is not on this store"));
        compactor.compact(volume);
        return Map.of("ret", 1, "vid", id, "size", volume.stats().size());
    }

    /**
     * Starts ({@code on=true}, the default) or ends draining: the store takes no new writes, and the
     * directory copies its volumes elsewhere, then drops its memberships (docs/operations.md, "Drain").
     */
    @PostMapping("/drain")
    Map<String, Object> drain(@RequestParam(required = false) @Nullable String on) throws IOException {
        boolean start = on == null || on.isBlank() || Boolean.parseBoolean(on.strip());
        if (on != null && !on.isBlank() && !on.strip().equalsIgnoreCase("true") && !on.strip().equalsIgnoreCase("false")) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "on must be true or false: " + on);
        }
        node.drain(start);
        return Map.of("ret", 1, "draining", start);
    }

    /** 200 when every volume answers and the disk takes a synced write; 503 otherwise. */
    @GetMapping("/probe")
    Map<String, Object> probe() {
        int count = 0;
        for (Volume volume : volumes.volumes()) {
            try {
                volume.stats();
            } catch (RuntimeException e) {
                throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "volume " + volume.id() + " fails: " + e, e);
            }
            count++;
        }
        Path probe = dataDir.resolve("probe.tmp");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(new byte[] {'x', 'f', 's', '\n'}));
            channel.force(true);
        } catch (IOException e) {
            throw new XfsException(ErrorCode.STORE_UNAVAILABLE, "the disk refuses writes in " + dataDir + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // reported by the write above, or harmless
            }
        }
        return Map.of("ret", 1, "volumes", count);
    }

    static int vid(@Nullable String vid) {
        long id;
        try {
            id = vid == null ? -1 : Long.parseLong(vid.strip());
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || id > Integer.MAX_VALUE) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "vid must be a number within 0 and 2^31-1: " + vid);
        }
        return (int) id;
    }
}
