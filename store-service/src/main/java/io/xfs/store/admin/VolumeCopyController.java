package io.xfs.store.admin;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.store.CopyStatus;
import io.xfs.common.store.ReplicaSnapshot;
import io.xfs.store.repair.CopyJobs;
import io.xfs.store.repair.NeedleRepairer;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calls of a volume copy (docs/store.md, "Volume copy"), thin over {@link Volume} and {@link CopyJobs}.
 * All are POST, so they need the cluster secret when one is set: they hand out raw volume contents.
 */
@RestController
@RequestMapping("/admin")
class VolumeCopyController {
    /** How long compaction of a source waits after each call of a copy reading it. */
    private static final Duration SOURCE_HOLD = Duration.ofMinutes(10);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final VolumeManager volumes;
    private final CopyJobs jobs;
    private final NeedleRepairer needles;

    VolumeCopyController(VolumeManager volumes, CopyJobs jobs, NeedleRepairer needles) {
        this.volumes = volumes;
        this.jobs = jobs;
        this.needles = needles;
    }

    /** The source side: live keys, end and epoch of a volume, binary ({@link ReplicaSnapshot}). */
    @PostMapping("/volume_state")
    void volumeState(@RequestParam(required = false) @Nullable String vid, HttpServletResponse response)
            throws IOException {
        Volume volume = volume(vid);
        volume.holdCompaction(SOURCE_HOLD);
        ReplicaSnapshot snapshot = volume.replicaState();
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(28L + 8L * snapshot.keys().length);
        try (OutputStream out = response.getOutputStream()) {
            snapshot.write(out);
        }
    }

    /** The source side: raw needles [from, to) of the volume as of {@code epoch}. */
    @PostMapping("/volume_needles")
    void volumeNeedles(@RequestParam(required = false) @Nullable String vid,
                       @RequestParam(required = false) @Nullable String epoch,
                       @RequestParam(required = false) @Nullable String from,
                       @RequestParam(required = false) @Nullable String to,
                       HttpServletResponse response) throws IOException {
        Volume volume = volume(vid);
        long e = number("epoch", epoch, Long.MIN_VALUE);
        long start = number("from", from, 0);
        long end = number("to", to, start);
        volume.holdCompaction(SOURCE_HOLD);
        response.setContentType("application/octet-stream");
        // Errors found before the first byte (a wrong epoch) still answer with a status: the volume checks
        // them before writing.
        volume.transferNeedles(e, start, end, Channels.newChannel(response.getOutputStream()));
    }

    /** The target side: copy a volume from {@code source} (host:port), or go on copying it; see {@link CopyJobs}. */
    @PostMapping("/copy_volume")
    CopyStatus copyVolume(@RequestParam(required = false) @Nullable String vid,
                          @RequestParam(required = false) @Nullable String source,
                          @RequestParam(required = false) @Nullable String token,
                          @RequestParam(required = false) @Nullable String wait) {
        int id = AdminController.vid(vid);
        if (source == null || !source.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}")) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "source must be host:port: " + source);
        }
        long fence = number("token", token, Long.MIN_VALUE);
        Duration patience = wait == null ? Duration.ofSeconds(20) : parseWait(wait);
        return jobs.run(id, source, fence, patience);
    }

    /**
     * Repairs a needle that fails its CRC here from another replica (a scrub or a read found it); 200
     * {@code {"ret":1,"repaired":bool}} (false: it was not damaged), 500 {@code CORRUPT_DATA} when no replica
     * has a good copy.
     */
    @PostMapping("/repair_needle")
    Map<String, Object> repairNeedle(@RequestParam(required = false) @Nullable String vid,
                                     @RequestParam(required = false) @Nullable String key,
                                     @RequestParam(required = false) @Nullable String cookie) throws IOException {
        int id = AdminController.vid(vid);
        long k = number("key", key, Long.MIN_VALUE);
        long c = number("cookie", cookie, Integer.MIN_VALUE);
        if (c > 0xFFFF_FFFFL) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "cookie must be a 32-bit number: " + cookie);
        }
        return Map.of("ret", 1, "repaired", needles.repair(id, k, (int) c));
    }

    private Volume volume(@Nullable String vid) {
        int id = AdminController.vid(vid);
        return volumes.volume(id).orElseThrow(
                () -> new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + id + " is not on this store"));
    }

    private static Duration parseWait(String wait) {
        try {
            String w = wait.strip();
            long millis = w.endsWith("ms") ? Long.parseLong(w.substring(0, w.length() - 2)) : Long.parseLong(w) * 1000;
            if (millis < 0 || millis > MAX_WAIT.toMillis()) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "wait must be 0..60000ms: " + wait);
        }
    }

    private static long number(String name, @Nullable String value, long min) {
        try {
            long n = Long.parseLong(value == null ? "" : value.strip());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, name + " must be a number of at least " + min + ": " + value);
        }
    }
}
