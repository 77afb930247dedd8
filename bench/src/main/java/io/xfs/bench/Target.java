package io.xfs.bench;

import java.io.IOException;
import java.util.List;

/**
 * What a run writes to and reads from. Only {@link #write} and {@link #read} are timed; preparation and
 * completion (placements and commits when writing straight to the stores) happen outside the clock.
 */
interface Target {
    String describe();

    /** Untimed work before the write phase; returns the entries, possibly with locations filled in. */
    default List<FileEntry> prepareWrites(List<FileEntry> files, int concurrency) throws IOException, BenchFailure {
        return files;
    }

    /** Writes one file; returns its entry with the location to read it back from. */
    FileEntry write(Connections connections, FileEntry file, byte[] body) throws IOException, BenchFailure;

    /**
     * Untimed work after the write phase (commits); returns the entries to read back, whose locations may
     * differ from the written ones (a commit may deduplicate onto an existing needle).
     */
    default List<FileEntry> finishWrites(List<FileEntry> written, int concurrency) throws IOException, BenchFailure {
        return written;
    }

    /** Reads one file back; the caller verifies its SHA-1. */
    byte[] read(Connections connections, FileEntry file) throws IOException, BenchFailure;
}
