/**
 * Short-lived upload and download tokens (SPEC §7, seed 004): signing, the system-token check and the
 * token store that tracks each token's deadline. No Spring here; {@code io.xfs.proxy.mas} wires it.
 */
@NullMarked
package io.xfs.proxy.token;

import org.jspecify.annotations.NullMarked;
