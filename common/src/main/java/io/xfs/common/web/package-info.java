/**
 * The small HTTP layer every xfs service serves its API port with, on Netty (docs/architecture.md,
 * "HTTP layer"): routing by method and path, one error writer, request limits, slow-client defences,
 * an authentication hook, an access log and a timer per route. Handlers are plain blocking code on
 * virtual threads that stream request and response bodies; Netty's event loops only move bytes.
 */
@NullMarked
package io.xfs.common.web;

import org.jspecify.annotations.NullMarked;
