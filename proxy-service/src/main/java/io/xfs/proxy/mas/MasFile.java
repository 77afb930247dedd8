package io.xfs.proxy.mas;

import java.time.Instant;

/**
 * A file stored through the mas API: its content hash (SHA-256 hex), the name it was uploaded with, size,
 * content type, SHA-1 (the ETag) and when it was stored.
 */
record MasFile(String hash, String name, long size, String mime, String sha1, Instant created) {
}
