package io.xfs.store.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a volume should hold: the acknowledged live needles and the deleted keys. Tests drive a volume
 * through it and then check the volume (or a reopened copy) against it. Thread-safe, so concurrent
 * writers can share one.
 */
final class VolumeModel {
    record Needle(int cookie, byte[] data) {
    }

    private final Map<Long, Needle> live = new ConcurrentHashMap<>();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();

    /** Deterministic pseudo-random bytes, different per key and size. */
    static byte[] bytes(long key, int size) {
        byte[] data = new byte[size];
        long x = key * 0x9E3779B97F4A7C15L + size + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data[i] = (byte) x;
        }
        return data;
    }

    static int cookie(long key) {
        return (int) (key * 31 + 7) | 1;
    }

    /** Appends needle {@code key} of {@code size} bytes and records it once acknowledged. */
    void append(Volume volume, long key, int size) throws IOException {
        append(volume, key, cookie(key), size);
    }

    void append(Volume volume, long key, int cookie, int size) throws IOException {
        byte[] data = bytes(key, size);
        volume.append(key, cookie, ByteBuffer.wrap(data));
        live.put(key, new Needle(cookie, data));
        deleted.remove(key);
    }

    /** Records a needle the volume is expected to hold although this model did not append it. */
    void add(long key, int cookie, byte[] data) {
        live.put(key, new Needle(cookie, data));
        deleted.remove(key);
    }

    void delete(Volume volume, long key) throws IOException {
        Needle needle = live.get(key);
        assertThat(volume.delete(key, needle == null ? cookie(key) : needle.cookie())).as("delete of %d", key).isTrue();
        live.remove(key);
        deleted.add(key);
    }

    Map<Long, Needle> live() {
        return live;
    }

    Set<Long> deleted() {
        return deleted;
    }

    long liveBytes() {
        return live.values().stream().mapToLong(n -> n.data().length).sum();
    }

    /** A copy of the current state, to compare with a volume later. */
    VolumeModel copy() {
        VolumeModel copy = new VolumeModel();
        copy.live.putAll(live);
        copy.deleted.addAll(deleted);
        return copy;
    }

    /** Every live needle reads back byte-identical, every deleted one is gone, and the counts agree. */
    void assertMatches(Volume volume) throws IOException {
        assertContent(volume);
        VolumeStats stats = volume.stats();
        assertThat(stats.needles()).isEqualTo(live.size());
        assertThat(stats.liveBytes()).isEqualTo(liveBytes());
    }

    /** Every live needle reads back byte-identical and every deleted one is gone. */
    void assertContent(Volume volume) throws IOException {
        for (Map.Entry<Long, Needle> entry : live.entrySet()) {
            Needle needle = entry.getValue();
            assertThat(volume.read(entry.getKey(), needle.cookie())).as("needle %d", entry.getKey()).isEqualTo(needle.data());
        }
        for (long key : deleted) {
            if (live.containsKey(key)) {
                continue;
            }
            assertThat(volume.size(key, cookie(key))).as("deleted needle %d", key).isEmpty();
            assertThatThrownBy(() -> volume.read(key, cookie(key)))
                    .isInstanceOfSatisfying(XfsException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NEEDLE_NOT_FOUND));
        }
    }
}
