/**
 * JMH benchmarks of ds side by side with the raw Redisson calls that do the same work.
 *
 * <p>Run them with {@link io.dstruct.bench.BenchMain} ({@code ds-bench/run.sh}), which points every
 * fork at the same Redis and prints the ds/raw ratios. Nothing here is public API of ds.
 */
@NullMarked
package io.dstruct.bench;

import org.jspecify.annotations.NullMarked;
