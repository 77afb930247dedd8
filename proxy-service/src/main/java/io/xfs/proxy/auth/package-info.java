/**
 * The proxy's request guard (docs/api.md, "Authentication"): SigV4 on every {@code /file}, {@code /files}
 * and {@code /fileinfo} request, access keys and bucket policies looked up from the directory and cached
 * briefly, anonymous access where a bucket is {@code public-read}, and the replay check on writes.
 */
@NullMarked
package io.xfs.proxy.auth;

import org.jspecify.annotations.NullMarked;
