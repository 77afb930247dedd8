/**
 * Fetching remote resources into temporary storage: the uri parameter, the SSRF guard, a small HTTP/1.1
 * client that connects to exactly the address the guard checked, and one download per uri. Spring-free.
 */
@NullMarked
package io.xfs.sts.fetch;

import org.jspecify.annotations.NullMarked;
