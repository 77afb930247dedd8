package io.xfs.common.fs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Data directories 0700 and data files 0600 (docs/operations.md, "File modes"): volumes, metadata,
 * spooled uploads and credentials are readable by the service's own user only, whatever the umask. On a
 * file system without POSIX permissions these are plain creations. Stateless, thread-safe.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents 0700, and makes {@code dir} itself 0700 if it existed (a
     * data directory made by an earlier version); parents that existed keep their mode.
     */
    public static Path createDirectories(Path dir) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(dir);
        }
        Path created = Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        if (!Files.getPosixFilePermissions(created).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(created, DIRECTORY);
        }
        return created;
    }

    /** Attributes that create a directory 0700, for {@code Files.createDirectory}. */
    public static FileAttribute<?>[] directoryAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)} : NONE;
    }

    /** Attributes that create a file 0600, for {@code FileChannel.open} and {@code Files.createFile}. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /** Makes an existing file 0600 (one created by a library that takes no attributes). */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
