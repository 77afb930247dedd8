/**
 * The mas API (SPEC §7, seed 004): token endpoints, single and chunked uploads from browsers, downloads
 * with {@code seek} and {@code Range}, in the envelope {@code {status, code, msg, data}}. Upload state
 * lives in an {@link io.xfs.proxy.mas.UploadStateStore} (Redis or memory); the classes named
 * {@code Mas*Configuration}, {@code *Controller}, {@code *Filter} and {@code *Handler} are the Spring edge,
 * everything else is plain Java.
 */
@NullMarked
package io.xfs.proxy.mas;

import org.jspecify.annotations.NullMarked;
