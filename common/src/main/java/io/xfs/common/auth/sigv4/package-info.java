/**
 * AWS Signature Version 4 for user requests (docs/api.md, "Authentication"): canonical requests, the
 * verifier (Authorization header and presigned query), the client-side signer, and the streamed check of a
 * signed payload hash. Free of any HTTP stack: each server adapts its request to {@link io.xfs.common.auth.sigv4.SignableRequest}.
 */
@NullMarked
package io.xfs.common.auth.sigv4;

import org.jspecify.annotations.NullMarked;
