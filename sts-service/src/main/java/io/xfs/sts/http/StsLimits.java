package io.xfs.sts.http;

/** Limits the HTTP layer enforces itself: the largest file {@code POST /v1/file} accepts. */
public record StsLimits(long maxFileSize) {
}
