package io.xfs.directory.events;

import io.xfs.common.json.Json;
import io.xfs.directory.metadata.FileEvent;
import java.time.Instant;

/**
 * The JSON body of a file event message, as consumers read it (docs/operations.md, "File events"). Field
 * names are part of the public contract: add fields, never rename or remove one.
 *
 * @param path the file's path inside the bucket (no leading {@code /})
 * @param time when the change was committed, ISO-8601 in UTC
 */
record EventMessage(String id, String type, String bucket, String path, long size, String sha1, String time,
                    long sequence) {

    static EventMessage of(FileEvent event) {
        return new EventMessage(event.id(), event.type().routingKey(), event.bucket(), event.name(), event.size(),
                event.sha1(), Instant.ofEpochMilli(event.timeMillis()).toString(), event.sequence());
    }

    byte[] toJson() {
        return Json.write(this);
    }
}
