package io.xfs.directory.metadata;

import java.util.Objects;

/**
 * A committed change of one file, as kept in the metadata store's outbox until the events relay has
 * published it (docs/operations.md, "File events"). {@code sequence} grows with every change of the
 * bucket, so a consumer can order the changes of one path and drop duplicates by {@code id}; numbers may
 * be skipped (a write that failed after taking one). {@code size} and {@code sha1} describe the new
 * version, or for a delete the version deleted; {@code timeMillis} is the commit's mtime, or the delete's
 * time.
 *
 * @param id   a random UUID, the same on every delivery of this event
 * @param name the file's path inside the bucket (no leading {@code /})
 */
public record FileEvent(String id, Type type, String bucket, String name, long size, String sha1, long timeMillis,
                        long sequence) {

    public FileEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha1, "sha1");
    }

    /** What happened; {@link #code()} is what the outbox stores (never the ordinal). */
    public enum Type {
        CREATED(1, "created"),
        OVERWRITTEN(2, "overwritten"),
        DELETED(3, "deleted");

        private final int code;
        private final String routingKey;

        Type(int code, String routingKey) {
            this.code = code;
            this.routingKey = routingKey;
        }

        public int code() {
            return code;
        }

        /** The name consumers see: the message's routing key and the JSON {@code type}. */
        public String routingKey() {
            return routingKey;
        }

        public static Type ofCode(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown file event type " + code);
        }
    }
}
