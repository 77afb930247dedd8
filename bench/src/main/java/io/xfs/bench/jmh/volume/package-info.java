/** JMH benchmarks of the volume engine ({@code io.xfs.store.volume}); figures in docs/bench-volume.md. */
@NullMarked
package io.xfs.bench.jmh.volume;

import org.jspecify.annotations.NullMarked;
