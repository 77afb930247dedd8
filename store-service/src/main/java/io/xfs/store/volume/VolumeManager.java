package io.xfs.store.volume;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
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
    private boolean closed;

    private VolumeManager(Path dataDir, VolumeOptions options) {
        this.dataDir = dataDir;
        this.options = options;
    }

    /** Opens every volume under {@code dataDir} (created if absent). */
    public static VolumeManager open(Path dataDir, VolumeOptions options) throws IOException {
        Files.createDirectories(dataDir);
        VolumeManager manager = new VolumeManager(dataDir, options);
        try (DirectoryStream<Path> dataFiles = Files.newDirectoryStream(dataDir, "*" + VolumeFiles.DATA_SUFFIX)) {
            for (Path file : dataFiles) {
                OptionalInt vid = VolumeFiles.parseDataFile(file.getFileName().toString());
                if (vid.isEmpty()) {
                    continue;
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
        volumes.put(vid, volume);
        return volume;
    }

    public Optional<Volume> volume(int vid) {
        return Optional.ofNullable(volumes.get(vid));
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
