/**
 * Authentication of the calls between xfs services (docs/api.md, "Internal calls"): every internal request
 * carries an {@code X-Xfs-Auth} header with the caller's role and id, a timestamp, a nonce and an HMAC-SHA256
 * over the method, the target as sent, the body (its SHA-256, or its length only for streamed needles) and
 * those fields, keyed per role from the cluster secret. The verifier checks the window, the route table of
 * its service and refuses replays. Plain Java: each server adapts its request to
 * {@link io.xfs.common.auth.internal.InternalVerifier#verify}.
 */
@NullMarked
package io.xfs.common.auth.internal;

import org.jspecify.annotations.NullMarked;
