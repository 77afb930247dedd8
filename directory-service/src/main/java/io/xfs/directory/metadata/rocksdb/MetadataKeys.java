package io.xfs.directory.metadata.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RocksDB key layout, one column family per kind of record. Per-bucket keys start with the bucket
 * name and a {@code 0x00} (bucket names never contain it), so a bucket's records are contiguous and a
 * directory's files are one key range; integers are big-endian with the sign bit flipped, so bytewise
 * order is numeric order.
 *
 * <pre>
 * column family  key                                           value ({@link RecordFormat})
 * files          bucket 0x00 name (UTF-8)                       file record
 * contents       bucket 0x00 sha256 (32 bytes) size (int64)     content record
 * placements     vid (int32) key (int64)                        pending placement
 * garbage        vid (int32) key (int64)                        garbage needle
 * events         bucket 0x00 sequence (int64)                   file event waiting for the relay
 * event-seqs     bucket                                         last sequence given (int64; merged by max)
 * default        "format"                                       format version (int32)
 * default        "auth/key/" id                                 access key (JSON, secret sealed)
 * default        "auth/policy/" bucket                          bucket policy label (UTF-8)
 * </pre>
 */
final class MetadataKeys {
    static final String FILES = "files";
    static final String CONTENTS = "contents";
    static final String PLACEMENTS = "placements";
    static final String GARBAGE = "garbage";
    static final String EVENTS = "events";
    static final String EVENT_SEQUENCES = "event-seqs";
    static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ACCESS_KEYS = "auth/key/".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BUCKET_POLICIES = "auth/policy/".getBytes(StandardCharsets.US_ASCII);

    private static final byte SEPARATOR = 0x00;
    private static final byte SLASH = '/';

    private MetadataKeys() {
    }

    /** {@code bucket 0x00}: the prefix of all of a bucket's files (and contents). */
    static byte[] bucketPrefix(String bucket) {
        byte[] b = utf8(bucket);
        byte[] prefix = Arrays.copyOf(b, b.length + 1);
        prefix[b.length] = SEPARATOR;
        return prefix;
    }

    static byte[] file(String bucket, String name) {
        byte[] b = utf8(bucket);
        byte[] n = utf8(name);
        byte[] key = new byte[b.length + 1 + n.length];
        System.arraycopy(b, 0, key, 0, b.length);
        key[b.length] = SEPARATOR;
        System.arraycopy(n, 0, key, b.length + 1, n.length);
        return key;
    }

    static byte[] accessKey(String id) {
        return concat(ACCESS_KEYS, utf8(id));
    }

    static byte[] bucketPolicy(String bucket) {
        return concat(BUCKET_POLICIES, utf8(bucket));
    }

    static byte[] content(String bucket, byte[] sha256, long size) {
        byte[] prefix = bucketPrefix(bucket);
        return ByteBuffer.allocate(prefix.length + sha256.length + Long.BYTES)
                .put(prefix).put(sha256).putLong(size ^ Long.MIN_VALUE).array();
    }

    static byte[] needle(int vid, long key) {
        return ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
                .putInt(vid ^ Integer.MIN_VALUE).putLong(key ^ Long.MIN_VALUE).array();
    }

    /** The file name in a {@link #file} key: the bytes after the bucket's {@code 0x00}. */
    static String fileName(byte[] fileKey) {
        int separator = separator(fileKey);
        return new String(fileKey, separator + 1, fileKey.length - separator - 1, StandardCharsets.UTF_8);
    }

    /** The bucket of a {@link #file} key: the bytes before its {@code 0x00}. */
    static String bucketOf(byte[] fileKey) {
        return new String(fileKey, 0, separator(fileKey), StandardCharsets.UTF_8);
    }

    /**
     * The smallest key after every key of {@code bucket}: its name and {@code 0x01}, which sorts after its
     * {@code 0x00} and before any longer bucket name (bucket names hold no byte below {@code '-'}).
     */
    static byte[] pastBucket(String bucket) {
        byte[] past = bucketPrefix(bucket);
        past[past.length - 1] = SEPARATOR + 1;
        return past;
    }

    private static int separator(byte[] fileKey) {
        int separator = 0;
        while (fileKey[separator] != SEPARATOR) {
            separator++;
        }
        return separator;
    }

    static byte[] event(String bucket, long sequence) {
        byte[] prefix = bucketPrefix(bucket);
        return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(sequence ^ Long.MIN_VALUE).array();
    }

    static String eventBucket(byte[] eventKey) {
        return new String(eventKey, 0, eventKey.length - 1 - Long.BYTES, StandardCharsets.UTF_8);
    }

    static long eventSequence(byte[] eventKey) {
        return ByteBuffer.wrap(eventKey, eventKey.length - Long.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    /**
     * A sequence number as the {@code event-seqs} family stores it: big-endian with the sign bit flipped,
     * so that RocksDB's {@code max} merge operator, which compares bytes, keeps the numerically largest.
     */
    static byte[] sequenceValue(long sequence) {
        return ByteBuffer.allocate(Long.BYTES).putLong(sequence ^ Long.MIN_VALUE).array();
    }

    static long decodeSequenceValue(byte[] value) {
        return ByteBuffer.wrap(value).getLong() ^ Long.MIN_VALUE;
    }

    static int needleVid(byte[] needleKey) {
        return ByteBuffer.wrap(needleKey).getInt() ^ Integer.MIN_VALUE;
    }

    static long needleKey(byte[] needleKey) {
        return ByteBuffer.wrap(needleKey, Integer.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    /**
     * The smallest key after every key that starts with {@code prefix + "/"}, where the caller's
     * {@code prefixEndingInSlash} ends in {@code '/'}: the same bytes with the slash replaced by
     * {@code '0'}, the next byte value. Seeking there skips a whole subdirectory.
     */
    static byte[] pastSubtree(byte[] prefixEndingInSlash) {
        byte[] next = prefixEndingInSlash.clone();
        next[next.length - 1] = SLASH + 1;
        return next;
    }

    /** The smallest key greater than every key starting with {@code prefix} (an exclusive upper bound). */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix of only 0xFF bytes has no end");
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
