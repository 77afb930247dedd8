/**
 * The RabbitMQ connection settings the file events and the repair queue share. No Spring here.
 */
@NullMarked
package io.xfs.directory.amqp;

import org.jspecify.annotations.NullMarked;
