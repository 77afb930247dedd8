package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.store.node.StoreCounters;
import io.xfs.store.volume.NeedleWrite;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The write side shared by {@code /upload}, {@code /uploads} and {@code /del}: finds the volume, checks that
 * it takes writes before a body is read, and counts acknowledged writes with their delay (the directory
 * weighs stores by it). Thread-safe.
 */
final class NeedleWriter {
    private final VolumeManager volumes;
    private final StoreCounters counters;
    private final BooleanSupplier draining;

    /** @param draining whether the store is being drained: it then refuses uploads (deletes still work) */
    NeedleWriter(VolumeManager volumes, StoreCounters counters, BooleanSupplier draining) {
        this.volumes = volumes;
        this.counters = counters;
        this.draining = draining;
    }

    /** The volume to write to: 404 when unknown, 507 when it is read-only or the store is draining. */
    Volume writableVolume(int vid) {
        Volume volume = volumes.volume(vid).orElseThrow(
                () -> new XfsException(ErrorCode.VOLUME_NOT_FOUND, "volume " + vid + " is not on this store"));
        if (draining.getAsBoolean()) {
            // A copy of this volume may be agreeing with its replacement: a write now could miss it.
            throw new XfsException(ErrorCode.VOLUME_READ_ONLY, "this store is being drained: no new writes");
        }
        if (volume.readOnly()) {
            throw new XfsException(ErrorCode.VOLUME_READ_ONLY, "volume " + vid + " is read-only");
        }
        return volume;
    }

    /** Appends one needle; returns once it is durable under the configured policy. */
    void append(Volume volume, long key, int cookie, byte[] data) {
        long start = System.nanoTime();
        try {
            volume.append(key, cookie, ByteBuffer.wrap(data));
        } catch (IOException e) {
            throw diskFailure(volume, e);
        }
        counters.recordWrites(1, System.nanoTime() - start);
    }

    /** Appends needles of one volume with one durable flush. */
    void appendAll(Volume volume, List<NeedleWrite> needles) {
        long start = System.nanoTime();
        try {
            volume.appendAll(needles);
        } catch (IOException e) {
            throw diskFailure(volume, e);
        }
        counters.recordWrites(needles.size(), System.nanoTime() - start);
    }

    /** Deletes a needle: false when the volume, the needle or the cookie is unknown, or it is deleted already. */
    boolean delete(int vid, long key, int cookie) {
        Volume volume = volumes.volume(vid).orElse(null);
        if (volume == null) {
            return false;
        }
        try {
            return volume.delete(key, cookie);
        } catch (XfsException e) {
            if (HttpErrors.isAbsent(e)) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw diskFailure(volume, e);
        }
    }

    /** The disk failed under a write: the engine turned the volume read-only; the write may or may not be there. */
    private static XfsException diskFailure(Volume volume, IOException e) {
        return new XfsException(ErrorCode.INTERNAL, "volume " + volume.id() + ": disk failure, the volume is now "
                + "read-only: " + e, e);
    }
}
