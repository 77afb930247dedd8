package io.xfs.directory.metadata.rocksdb;

import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.directory.metadata.FileEvent;
import io.xfs.directory.metadata.MetadataNames;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The binary values of {@link MetadataKeys}' column families. Every value starts with a version byte
 * ({@link #VERSION}); an unknown version or a short value fails with {@link ErrorCode#CORRUPT_DATA}
 * rather than being misread. Integers are big-endian, strings are an int32 length and UTF-8 bytes, a
 * needle is {@code vid int32, key int64, cookie int32, size int64}.
 *
 * <pre>
 * file       version | size int64 | mtime int64 | mime str | sha1 str | sha256 32 bytes | n int32 | n needles
 * content    version | refs int64 | n int32 | n needles
 * placement  version | cookie int32 | expiresAt int64 | bucket str
 * garbage    version | cookie int32
 * event      version | type int8 | id 16 bytes (UUID) | size int64 | time int64 | sha1 str | name str
 * format     int32 (the store's format version, in the default column family)
 * </pre>
 */
final class RecordFormat {
    static final byte VERSION = 1;
    static final int FORMAT_VERSION = 1;
    static final int SHA256_BYTES = MetadataNames.SHA256_BYTES;
    private static final int NEEDLE_BYTES = Integer.BYTES + Long.BYTES + Integer.BYTES + Long.BYTES;
    private static final HexFormat HEX = HexFormat.of();

    private RecordFormat() {
    }

    /** A file as stored: its content's hash and needles are copied here so a get is one read. */
    record FileRecord(long size, long mtime, String mime, String sha1, String sha256, List<NeedleRef> chunks) {
        FileRecord {
            chunks = List.copyOf(chunks);
        }
    }

    record ContentValue(long refs, List<NeedleRef> chunks) {
        ContentValue {
            chunks = List.copyOf(chunks);
        }
    }

    record PlacementValue(String bucket, int cookie, long expiresAt) {
    }

    static byte[] encodeFile(FileRecord file) {
        byte[] mime = file.mime().getBytes(StandardCharsets.UTF_8);
        byte[] sha1 = file.sha1().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(1 + 2 * Long.BYTES + 2 * Integer.BYTES + mime.length + sha1.length
                + SHA256_BYTES + Integer.BYTES + file.chunks().size() * NEEDLE_BYTES);
        buf.put(VERSION).putLong(file.size()).putLong(file.mtime());
        buf.putInt(mime.length).put(mime).putInt(sha1.length).put(sha1);
        buf.put(MetadataNames.sha256Bytes(file.sha256()));
        putNeedles(buf, file.chunks());
        return buf.array();
    }

    static FileRecord decodeFile(byte[] value) {
        try {
            ByteBuffer buf = versioned(value, "file");
            long size = buf.getLong();
            long mtime = buf.getLong();
            String mime = getString(buf);
            String sha1 = getString(buf);
            byte[] sha256 = new byte[SHA256_BYTES];
            buf.get(sha256);
            return new FileRecord(size, mtime, mime, sha1, HEX.formatHex(sha256), getNeedles(buf));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("file", e);
        }
    }

    static byte[] encodeContent(ContentValue content) {
        ByteBuffer buf = ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES + content.chunks().size() * NEEDLE_BYTES);
        buf.put(VERSION).putLong(content.refs());
        putNeedles(buf, content.chunks());
        return buf.array();
    }

    static ContentValue decodeContent(byte[] value) {
        try {
            ByteBuffer buf = versioned(value, "content");
            long refs = buf.getLong();
            return new ContentValue(refs, getNeedles(buf));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("content", e);
        }
    }

    static byte[] encodePlacement(PlacementValue placement) {
        byte[] bucket = placement.bucket().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + Long.BYTES + Integer.BYTES + bucket.length)
                .put(VERSION).putInt(placement.cookie()).putLong(placement.expiresAt())
                .putInt(bucket.length).put(bucket).array();
    }

    static PlacementValue decodePlacement(byte[] value) {
        try {
            ByteBuffer buf = versioned(value, "placement");
            int cookie = buf.getInt();
            long expiresAt = buf.getLong();
            return new PlacementValue(getString(buf), cookie, expiresAt);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("placement", e);
        }
    }

    static byte[] encodeGarbage(int cookie) {
        return ByteBuffer.allocate(1 + Integer.BYTES).put(VERSION).putInt(cookie).array();
    }

    static int decodeGarbageCookie(byte[] value) {
        try {
            return versioned(value, "garbage").getInt();
        } catch (BufferUnderflowException e) {
            throw corrupt("garbage", e);
        }
    }

    /** A file event; bucket and sequence are in its key ({@link MetadataKeys#event}). */
    static byte[] encodeEvent(FileEvent event) {
        UUID id = UUID.fromString(event.id());
        byte[] sha1 = event.sha1().getBytes(StandardCharsets.UTF_8);
        byte[] name = event.name().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 * Long.BYTES + 2 * Long.BYTES + 2 * Integer.BYTES + sha1.length + name.length)
                .put(VERSION).put((byte) event.type().code())
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(event.size()).putLong(event.timeMillis())
                .putInt(sha1.length).put(sha1).putInt(name.length).put(name).array();
    }

    static FileEvent decodeEvent(String bucket, long sequence, byte[] value) {
        try {
            ByteBuffer buf = versioned(value, "event");
            FileEvent.Type type = FileEvent.Type.ofCode(buf.get());
            UUID id = new UUID(buf.getLong(), buf.getLong());
            long size = buf.getLong();
            long time = buf.getLong();
            String sha1 = getString(buf);
            return new FileEvent(id.toString(), type, bucket, getString(buf), size, sha1, time, sequence);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("event", e);
        }
    }

    static byte[] encodeFormatVersion() {
        return ByteBuffer.allocate(Integer.BYTES).putInt(FORMAT_VERSION).array();
    }

    static int decodeFormatVersion(byte[] value) {
        if (value.length != Integer.BYTES) {
            throw new XfsException(ErrorCode.CORRUPT_DATA, "metadata format record has " + value.length + " bytes");
        }
        return ByteBuffer.wrap(value).getInt();
    }

    private static ByteBuffer versioned(byte[] value, String what) {
        ByteBuffer buf = ByteBuffer.wrap(value);
        byte version = buf.get();
        if (version != VERSION) {
            throw new XfsException(ErrorCode.CORRUPT_DATA,
                    "unknown " + what + " record version " + version + " (this build reads " + VERSION + ")");
        }
        return buf;
    }

    private static void putNeedles(ByteBuffer buf, List<NeedleRef> needles) {
        buf.putInt(needles.size());
        for (NeedleRef n : needles) {
            buf.putInt(n.vid()).putLong(n.key()).putInt(n.cookie()).putLong(n.size());
        }
    }

    private static List<NeedleRef> getNeedles(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining() / NEEDLE_BYTES) {
            throw new IllegalArgumentException("needle count " + n + " does not fit the record");
        }
        List<NeedleRef> needles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            needles.add(new NeedleRef(buf.getInt(), buf.getLong(), buf.getInt(), buf.getLong()));
        }
        return needles;
    }

    private static String getString(ByteBuffer buf) {
        int length = buf.getInt();
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("string length " + length + " does not fit the record");
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static XfsException corrupt(String what, Exception cause) {
        return new XfsException(ErrorCode.CORRUPT_DATA, "corrupt " + what + " record: " + cause.getMessage(), cause);
    }
}
