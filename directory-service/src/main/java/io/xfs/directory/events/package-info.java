/**
 * File events: the relay that publishes the metadata store's outbox to RabbitMQ, at least once
 * (docs/operations.md, "File events"). No Spring here; the directory's configuration wires it.
 */
@NullMarked
package io.xfs.directory.events;

import org.jspecify.annotations.NullMarked;
