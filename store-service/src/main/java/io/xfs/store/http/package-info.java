/** The store's HTTP API: needle reads and writes, error answers, the internal-call check of both ports. */
@NullMarked
package io.xfs.store.http;

import org.jspecify.annotations.NullMarked;
