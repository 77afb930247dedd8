/**
 * Level-triggered repair and drain (docs/operations.md, "Repair"): the leader compares, per volume, the
 * replicas it wants with the healthy ones, and issues idempotent copy tasks under a per-volume lease.
 */
@NullMarked
package io.xfs.directory.repair;

import org.jspecify.annotations.NullMarked;
