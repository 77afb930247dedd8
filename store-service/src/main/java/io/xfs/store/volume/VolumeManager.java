package io.xfs.store.volume;

import io.xfs.common.fs.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All volumes of one store, as files {@code <vid>.dat} and {@code <vid>.idx} (see {@link VolumeFiles})
 * directly under one data directory. Opening the manager reopens (and recovers) every volume found
 * there; a volume that cannot be opened is logged and left out rather than keep the store down.
 * Thread-safe.
 */
public final class VolumeManager implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeManager.class);

    private final Path dataDir;
    private final VolumeOptions options;
    private final ConcurrentSkipListMap<Integer, Volume> volumes = new ConcurrentSkipListMap<>();
    /** Volumes being filled by a copy; mirrors the {@code .incomplete} markers on disk. */
    private final Set<Integer> incomplete = ConcurrentHashMap.newKeySet();
    private volatile CorruptionListener corruption = (v, k, c) -> { };
    private boolean closed;

    private VolumeManager(Path dataDir, VolumeOptions options) {
        this.dataDir = dataDir;
        this.options = options;
    }

    /** Opens every volume under {@code dataDir} (created if absent). */
    public static VolumeManager open(Path dataDir, VolumeOptions options) throws IOException {
        PrivateFiles.createDirectories(dataDir);
        VolumeManager manager = new VolumeManager(dataDir, options);
        try (DirectoryStream<Path> dataFiles = Files.newDirectoryStream(dataDir, "*" + VolumeFiles.DATA_SUFFIX)) {
            for (Path file : dataFiles) {
                OptionalInt vid = VolumeFiles.parseDataFile(file.getFileName().toString());
                if (vid.isEmpty()) {
                    continue;
                }
                if (Files.exists(VolumeFiles.incompleteMarker(dataDir, vid.getAsInt()))) {
                    manager.incomplete.add(vid.getAsInt());
                }
                try {
                    manager.volumes.put(vid.getAsInt(), Volume.open(vid.getAsInt(), dataDir, options));
                } catch (IOException | RuntimeException e) {
                    LOG.error("volume {}: cannot open {}; leaving it out", vid.getAsInt(), file, e);
                }
            }
        }
        return manager;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates volume {@code vid}, or returns it when it exists already. */
    public synchronized Volume add(int vid) throws IOException {
        if (closed) {
            throw new IllegalStateException("volume manager closed");
        }
        Volume existing = volumes.get(vid);
        if (existing != null) {
            return existing;
        }
        Volume volume = Volume.open(vid, dataDir, options);
        volume.corruptionListener(corruption);
        volumes.put(vid, volume);
        return volume;
    }

    public Optional<Volume> volume(int vid) {
        return Optional.ofNullable(volumes.get(vid));
    }

    /**
     * Marks volume {@code vid} as a replica being filled by a copy (durably, as a file {@code
     * <vid>.incomplete}): it is published as neither readable nor writable until {@link #markComplete}, also
     * across restarts, so that nothing reads a half-copied replica.
     */
    public void markIncomplete(int vid) throws IOException {
        Path marker = VolumeFiles.incompleteMarker(dataDir, vid);
        if (!Files.exists(marker)) {
            Path temp = VolumeFiles.temp(marker);
            Files.write(temp, new byte[0]);
            VolumeFiles.renameDurably(temp, marker);
        }
        incomplete.add(vid);
    }

    /** Ends {@link #markIncomplete}: the copy agrees with its source. */
    public void markComplete(int vid) throws IOException {
        if (VolumeFiles.deleteIfExists(VolumeFiles.incompleteMarker(dataDir, vid))) {
            VolumeFiles.syncDirectory(dataDir);
        }
        incomplete.remove(vid);
    }

    /** Whether volume {@code vid} is a replica still being filled ({@link #markIncomplete}). */
    public boolean incomplete(int vid) {
        return incomplete.contains(vid);
    }

    /**
     * Where a copy into volume {@code vid} stands: the source's epoch and the source position copied up
     * to (file {@code <vid>.copy}); empty when no copy ran. A cursor that cannot be read counts as none (the
     * copy then starts over, which only costs time: needles already there are skipped).
     */
    public Optional<CopyCursor> copyCursor(int vid) {
        try {
            String[] parts = Files.readString(VolumeFiles.copyCursor(dataDir, vid)).strip().split(" ");
            return Optional.of(new CopyCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Saves the cursor of a copy into volume {@code vid} (atomically: temp file, rename). */
    public void saveCopyCursor(int vid, CopyCursor cursor) throws IOException {
        Path file = VolumeFiles.copyCursor(dataDir, vid);
        Path temp = VolumeFiles.temp(file);
        Files.writeString(temp, cursor.epoch() + " " + cursor.position() + "\n");
        VolumeFiles.renameDurably(temp, file);
    }

    /** Tells {@code listener} of every damaged needle a read of any volume finds, from now on. */
    public void onCorruption(CorruptionListener listener) {
        corruption = listener;
        for (Volume volume : volumes.values()) {
            volume.corruptionListener(listener);
        }
    }

    /** The open volumes, ordered by id (a live view). */
    public Collection<Volume> volumes() {
        return Collections.unmodifiableCollection(volumes.values());
    }

    /** Closes every volume (flushing it); the first failure is thrown after all were tried. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (Volume volume : volumes.values()) {
            try {
                volume.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        volumes.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
