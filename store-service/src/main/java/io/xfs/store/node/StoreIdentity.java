package io.xfs.store.node;

import io.xfs.common.fs.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this store is in the cluster: its id and rack. The id must outlive restarts (groups and volumes name
 * their stores by it in ZooKeeper), so it travels with the data: it is kept in {@code <data-dir>/store.id},
 * generated on first start unless {@code xfs.store.id} names it. A data directory belongs to one store for
 * good: a configured id that differs from the saved one is refused, as the volumes there are that other
 * store's replicas (docs/operations.md, "Data directories").
 */
public record StoreIdentity(String id, String rack) {
    static final String ID_FILE = "store.id";
    private static final Logger log = LoggerFactory.getLogger(StoreIdentity.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public StoreIdentity {
        checkName("xfs.store.id", id);
        checkName("xfs.store.rack", rack);
    }

    /**
     * The saved id, else the configured one (saved), else a new one (saved).
     *
     * @throws IllegalStateException when the configured id is not the one saved in {@code dataDir}
     */
    public static StoreIdentity resolve(@Nullable String configuredId, String rack, Path dataDir) {
        Path file = dataDir.resolve(ID_FILE);
        try {
            String saved = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
            String id = configuredId != null && !configuredId.isBlank() ? configuredId.strip() : saved;
            if (id == null || id.isEmpty()) {
                byte[] random = new byte[5];
                new SecureRandom().nextBytes(random);
                id = "store-" + HexFormat.of().formatHex(random);
                log.info("Store id {} generated and saved in {}", id, file);
            }
            StoreIdentity identity = new StoreIdentity(id, rack);
            if (saved != null && !saved.isEmpty() && !id.equals(saved)) {
                throw new IllegalStateException("xfs.store.id is " + id + " but the data directory " + dataDir
                        + " belongs to store " + saved + " (" + file + "): give this store a data directory"
                        + " of its own, or start it as " + saved);
            }
            if (!id.equals(saved)) {
                save(dataDir, file, id);
            }
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or save the store id in " + file, e);
        }
    }

    private static void save(Path dataDir, Path file, String id) throws IOException {
        PrivateFiles.createDirectories(dataDir);
        Path tmp = dataDir.resolve(ID_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), PrivateFiles.fileAttributes())) {
            channel.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void checkName(String property, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must match " + NAME.pattern() + ": '" + value + "'");
        }
    }
}
