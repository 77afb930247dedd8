/** JMH benchmarks of the directory's metadata store (issue 4), run with {@code bench/jmh.sh}. */
@NullMarked
package io.xfs.bench.jmh.metadata;

import org.jspecify.annotations.NullMarked;
