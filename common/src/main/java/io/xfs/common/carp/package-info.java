/**
 * CARP (draft-vinod-carp-v1-03): weighted, deterministic ownership of keys by cluster members.
 * Spring-free; used by the sts service to route each uri or filename to one instance.
 */
@NullMarked
package io.xfs.common.carp;

import org.jspecify.annotations.NullMarked;
