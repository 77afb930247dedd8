/**
 * The blocking keep-alive HTTP/1.1 client of the services' internal calls (proxy to directory and stores,
 * directory to stores): pooled sockets, a timeout on every socket read, bodies streamed in both directions.
 */
@NullMarked
package io.xfs.common.http.client;

import org.jspecify.annotations.NullMarked;
