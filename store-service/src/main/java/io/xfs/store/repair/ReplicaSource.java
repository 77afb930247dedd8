package io.xfs.store.repair;

import io.xfs.common.store.ReplicaSnapshot;
import java.io.IOException;
import java.io.InputStream;

/** The healthy replica a copy reads from: over HTTP from another store, or in-process in tests. */
public interface ReplicaSource {
    /** The source volume's live keys, end and epoch at one instant. */
    ReplicaSnapshot snapshot(int vid) throws IOException;

    /** The raw volume bytes [{@code from}, {@code to}) of {@code epoch}: whole needles in the volume format. */
    InputStream needles(int vid, long epoch, long from, long to) throws IOException;

    /** For logs and metrics. */
    String name();
}
