package io.xfs.proxy.mas;

/**
 * One received chunk of a chunked upload: its number (from 1), size, SHA-256, and the temporary file in
 * the private bucket that holds its bytes until the upload finishes.
 */
record ChunkRef(int number, long size, String sha256, String file) {
}
