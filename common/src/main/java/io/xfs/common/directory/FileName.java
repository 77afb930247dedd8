package io.xfs.common.directory;

/** One item of the directory's {@code POST /gets}: a file asked for by bucket and name, as {@code /get} takes them. */
public record FileName(String bucket, String filename) {
}
