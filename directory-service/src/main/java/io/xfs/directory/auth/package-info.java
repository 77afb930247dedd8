/**
 * Access keys and bucket policies on the directory (docs/api.md, "Access keys and policies"): the admin
 * calls that manage them, authenticated with the admin key (SigV4), and the lookups proxies make.
 */
@NullMarked
package io.xfs.directory.auth;

import org.jspecify.annotations.NullMarked;
