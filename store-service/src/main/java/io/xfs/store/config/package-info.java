/** Configuration of the store: properties records and the wiring of the volume engine. */
@NullMarked
package io.xfs.store.config;

import org.jspecify.annotations.NullMarked;
