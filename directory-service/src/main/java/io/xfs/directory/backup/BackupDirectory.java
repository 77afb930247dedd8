package io.xfs.directory.backup;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one directory metadata checkpoints are written under ({@code xfs.backup.dir}, by default
 * {@code <xfs.data-dir>/backups}; docs/operations.md, "Backup and restore"). An admin call names a
 * target; a relative name is resolved under this directory, and a name that leaves it ({@code ..}, an
 * absolute path elsewhere, a symbolic link pointing out) is refused: the call must not become a way to
 * write files anywhere the directory's user may. Thread-safe.
 */
public final class BackupDirectory {
    private final Path root;

    public BackupDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * The checkpoint target {@code name} stands for, its parent directories created.
     *
     * @throws XfsException {@link ErrorCode#BAD_ARGUMENT} when {@code name} is empty, not a path, or outside
     *                      the backup directory
     */
    public Path target(String name) {
        if (name.isBlank()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "dir is empty: name a checkpoint under " + root);
        }
        Path target;
        try {
            target = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "dir is not a path: " + name);
        }
        if (!target.startsWith(root) || target.equals(root)) {
            throw outside(name);
        }
        try {
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            Path parent = Files.createDirectories(target.getParent());
            // normalize() judged the name's text; a symbolic link under the root could still point out.
            if (!parent.toRealPath().startsWith(realRoot)) {
                throw outside(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare backup directory for " + target, e);
        }
        return target;
    }

    private XfsException outside(String name) {
        return new XfsException(ErrorCode.BAD_ARGUMENT, "dir '" + name + "' is outside the backup directory "
                + root + " (xfs.backup.dir): give a name relative to it");
    }
}
