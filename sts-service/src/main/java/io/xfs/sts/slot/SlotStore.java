package io.xfs.sts.slot;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one sts instance, in time slots under a root directory: {@code <root>/<slot start>/<f|u>-<sha256>}
 * (names in {@link SlotFiles}). A write goes to a temp file in the current slot, is fsynced and renamed into
 * place, so a file is visible only when complete; a whole slot is deleted once its end is older than the
 * retention, so a file lives at least {@code retention} and at most {@code retention + slot}. The index of
 * complete files is in memory and {@link #open} rebuilds it from the directories. Thread-safe.
 */
public final class SlotStore {
    private static final Logger log = LoggerFactory.getLogger(SlotStore.class);
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;
    private final long slotMillis;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, StoredFile> entries = new ConcurrentHashMap<>();

    private SlotStore(Path root, Duration slot, Duration retention, Clock clock) {
        if (slot.toMillis() <= 0 || retention.isNegative()) {
            throw new IllegalArgumentException("slot must be positive and retention not negative: slot=" + slot
                    + " retention=" + retention);
        }
        this.root = root;
        this.slotMillis = slot.toMillis();
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Opens the store under {@code root}, creating it if needed, and rebuilds the index.
     * <ol>
     *   <li>Pass 1: every slot directory past the retention is deleted whole.</li>
     *   <li>Pass 2: in the others, temp files (writes a crash interrupted) are deleted.</li>
     *   <li>Pass 3: complete files are indexed; a name found in several slots keeps the newest copy.</li>
     * </ol>
     */
    public static SlotStore open(Path root, Duration slot, Duration retention, Clock clock) throws IOException {
        SlotStore store = new SlotStore(root, slot, retention, clock);
        PrivateFiles.createDirectories(root);
        store.rebuild();
        return store;
    }

    public Path root() {
        return root;
    }

    /** The complete, unexpired file stored under a key. */
    public Optional<StoredFile> find(StoreKey key) {
        StoredFile file = entries.get(key.fileName());
        if (file == null || isExpired(file.slotStart(), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /**
     * Stores a body under a key in the current slot, replacing an older file of the same key. Nothing is kept
     * unless the whole body arrived and matched the declared length.
     *
     * @param declaredLength the length the caller announced, or -1
     * @param maxLength the most bytes accepted
     * @throws XfsException {@link ErrorCode#LENGTH_MISMATCH} or {@link ErrorCode#PAYLOAD_TOO_LARGE}
     * @throws IOException if reading the body or writing the disk failed
     */
    public StoredFile write(StoreKey key, InputStream body, long declaredLength, long maxLength) throws IOException {
        if (declaredLength > maxLength) {
            throw tooLarge(declaredLength, maxLength);
        }
        Instant slotStart = slotStart(clock.instant());
        Path slotDir = createSlotDir(slotStart);
        String fileName = key.fileName();
        Path temp = slotDir.resolve(fileName + "." + UUID.randomUUID() + SlotFiles.TEMP_SUFFIX);
        try {
            long length = copyDurably(body, temp, declaredLength, maxLength);
            StoredFile stored = new StoredFile(fileName, slotDir.resolve(fileName), length, slotStart);
            publish(temp, stored);
            return stored;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes every slot whose end is older than the retention, with its index entries; returns how many. */
    public int cleanup() throws IOException {
        Instant now = clock.instant();
        int removed = 0;
        for (Slot slot : listSlots()) {
            if (isExpired(slot.start(), now)) {
                entries.values().removeIf(file -> file.slotStart().equals(slot.start()));
                deleteRecursively(slot.dir());
                log.info("sts slot {} expired and was deleted", slot.dir());
                removed++;
            }
        }
        return removed;
    }

    /** How many files the index holds (expired ones included until {@link #cleanup} runs). */
    public int fileCount() {
        return entries.size();
    }

    /** The bytes of the files the index holds. */
    public long byteCount() {
        return entries.values().stream().mapToLong(StoredFile::length).sum();
    }

    Instant slotStart(Instant time) {
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), slotMillis) * slotMillis);
    }

    private boolean isExpired(Instant slotStart, Instant now) {
        Instant slotEnd = slotStart.plusMillis(slotMillis);
        return !slotEnd.plus(retention).isAfter(now);
    }

    private void rebuild() throws IOException {
        Instant now = clock.instant();
        int temps = 0;
        int expired = 0;
        // Oldest first, so that a newer copy of the same key replaces an older one.
        for (Slot slot : listSlots()) {
            if (isExpired(slot.start(), now)) {
                deleteRecursively(slot.dir());
                expired++;
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(slot.dir())) {
                for (Path path : files) {
                    String name = path.getFileName().toString();
                    if (SlotFiles.isTempName(name)) {
                        Files.deleteIfExists(path);
                        temps++;
                    } else if (SlotFiles.isStoredName(name) && Files.isRegularFile(path)) {
                        StoredFile older = entries.put(name, new StoredFile(name, path, Files.size(path), slot.start()));
                        if (older != null) {
                            Files.deleteIfExists(older.path());
                        }
                    } else {
                        log.warn("sts ignores unexpected file {}", path);
                    }
                }
            }
        }
        log.info("sts opened {}: {} files ({} bytes); deleted {} expired slots and {} incomplete writes",
                root, entries.size(), byteCount(), expired, temps);
    }

    private List<Slot> listSlots() throws IOException {
        List<Slot> slots = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Optional<Instant> start = SlotFiles.parseSlotName(dir.getFileName().toString());
                if (start.isPresent() && Files.isDirectory(dir)) {
                    slots.add(new Slot(start.get(), dir));
                } else {
                    log.warn("sts ignores unexpected entry {} in its data directory", dir);
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    private Path createSlotDir(Instant slotStart) throws IOException {
        Path dir = root.resolve(SlotFiles.slotName(slotStart));
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, PrivateFiles.directoryAttributes());
                syncDirectory(root);
            } catch (FileAlreadyExistsException raced) {
                // Another writer created it first.
            }
        }
        return dir;
    }

    private static long copyDurably(InputStream body, Path temp, long declaredLength, long maxLength)
            throws IOException {
        long length = 0;
        try (FileChannel channel = FileChannel.open(temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), PrivateFiles.fileAttributes())) {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = body.read(buffer)) > 0) {
                length += n;
                if (length > maxLength) {
                    throw tooLarge(length, maxLength);
                }
                if (declaredLength >= 0 && length > declaredLength) {
                    throw mismatch(declaredLength, length + " or more");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            if (declaredLength >= 0 && length != declaredLength) {
                throw mismatch(declaredLength, Long.toString(length));
            }
            channel.force(true);
        }
        return length;
    }

    /** Renames the complete temp file into place and indexes it; one key's renames are serialized. */
    private void publish(Path temp, StoredFile stored) {
        entries.compute(stored.fileName(), (name, older) -> {
            try {
                Files.move(temp, stored.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory(stored.path().getParent());
                if (older != null && !older.path().equals(stored.path())) {
                    Files.deleteIfExists(older.path());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return stored;
        });
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (NoSuchFileException gone) {
                    // Deleted meanwhile (an overwrite in a newer slot).
                }
            }
        }
    }

    private static XfsException tooLarge(long length, long maxLength) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                "body of " + length + " bytes exceeds the limit of " + maxLength + " bytes");
    }

    private static XfsException mismatch(long declared, String actual) {
        return new XfsException(ErrorCode.LENGTH_MISMATCH,
                "declared length " + declared + " but the body had " + actual + " bytes");
    }

    private record Slot(Instant start, Path dir) {
    }
}
