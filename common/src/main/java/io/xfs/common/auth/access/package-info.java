/**
 * Access keys, their per-bucket permissions and bucket policies (docs/api.md, "Access keys and policies"),
 * the authorization decision, and sealing of secrets at rest. Free of Spring and of any HTTP stack.
 */
@NullMarked
package io.xfs.common.auth.access;

import org.jspecify.annotations.NullMarked;
