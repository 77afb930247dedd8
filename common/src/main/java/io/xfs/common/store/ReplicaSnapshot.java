package io.xfs.common.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A volume replica's state at one instant, as a copy compares against it (docs/store.md, "Volume
 * copy"). On the wire ({@code POST /admin/volume_state}): the 4 bytes {@code XFRS}, then epoch, end and
 * the number of keys as int64, then the keys as int64, all big-endian.
 *
 * @param epoch names the volume file's layout: positions from one epoch are meaningless in another (a
 *              compaction or a reopen starts a new one)
 * @param end   the volume's length then: every needle {@code keys} names lies before it
 * @param keys  the live keys, sorted ascending
 */
public record ReplicaSnapshot(long epoch, long end, long[] keys) {
    private static final int MAGIC = 0x58465253;

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeLong(epoch);
        data.writeLong(end);
        data.writeLong(keys.length);
        for (long key : keys) {
            data.writeLong(key);
        }
        data.flush();
    }

    public static ReplicaSnapshot read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a replica snapshot");
        }
        long epoch = data.readLong();
        long end = data.readLong();
        long count = data.readLong();
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new IOException("replica snapshot with " + count + " keys");
        }
        long[] keys = new long[(int) count];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = data.readLong();
        }
        return new ReplicaSnapshot(epoch, end, keys);
    }
}
