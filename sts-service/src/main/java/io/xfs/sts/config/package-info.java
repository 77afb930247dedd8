/** Spring wiring of the sts service: properties records and the beans built from them. */
@NullMarked
package io.xfs.sts.config;

import org.jspecify.annotations.NullMarked;
