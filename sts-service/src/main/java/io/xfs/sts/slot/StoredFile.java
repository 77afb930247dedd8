package io.xfs.sts.slot;

import java.nio.file.Path;
import java.time.Instant;

/** A complete file in a slot: where it is, how long it is, and the start of its slot. */
public record StoredFile(String fileName, Path path, long length, Instant slotStart) {
}
