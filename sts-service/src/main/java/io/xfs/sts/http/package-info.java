/** The sts HTTP API (SPEC §6): the four calls, Range, errors, and forwarding to the key's owner. */
@NullMarked
package io.xfs.sts.http;

import org.jspecify.annotations.NullMarked;
