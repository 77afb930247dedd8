package io.xfs.directory.metadata;

import io.xfs.common.directory.NeedleRef;
import java.util.List;

/**
 * Content a bucket holds, identified by its SHA-256 and size (the dedup key, SPEC §3): the needles
 * that store it, in file order, and how many files of the bucket reference it. A content record
 * exists exactly while {@code refs > 0}; at zero it is removed and its needles become garbage in the
 * same write. Its needles never change while it exists.
 *
 * @param sha256 lower-case hex
 * @param chunks without store addresses
 */
public record ContentRecord(String bucket, String sha256, long size, long refs, List<NeedleRef> chunks) {

    public ContentRecord {
        chunks = List.copyOf(chunks);
    }
}
