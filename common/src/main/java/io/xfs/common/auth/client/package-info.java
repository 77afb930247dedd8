/** The client of the directory's key calls (docs/api.md, "Access keys and policies"), for the CLI and the proxies. */
@NullMarked
package io.xfs.common.auth.client;

import org.jspecify.annotations.NullMarked;
