package io.xfs.store.volume;

/**
 * What a scan or read finds where a valid needle (or super block) should be. Internal: recovery catches
 * it to truncate; the {@link Volume} API turns it into {@code CORRUPT_DATA}.
 */
final class CorruptNeedleException extends RuntimeException {
    private final long position;

    CorruptNeedleException(String message, long position) {
        super(message, null, false, false);
        this.position = position;
    }

    /** Byte position in the volume file of the needle (or block) found bad. */
    long position() {
        return position;
    }
}
