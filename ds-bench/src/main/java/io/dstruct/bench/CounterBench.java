package io.dstruct.bench;

import io.dstruct.Counter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RAtomicLong;

/**
 * A benchmark of {@link Counter#next()} (the script {@code counter_add}: SETNX of the seed, INCRBY) against
 * Redisson's {@code RAtomicLong.incrementAndGet()} (one INCR), on the same key.
 *
 * <p>All JMH threads ({@code --threads N}) share the counter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class CounterBench {
  private BenchRedis redis;
  private Counter counter;
  private RAtomicLong raw;

  /** Connects and checks that both sides advance the same counter. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-counter");
    counter = redis.ds().counter(redis.name("counter"), 0);
    raw = redis.redisson().getAtomicLong(counter.redisKey());
    long viaDs = counter.next();
    long viaRaw = raw.incrementAndGet();
    if (viaDs != 1 || viaRaw != 2) {
      throw new IllegalStateException("ds and raw Redisson do not share the counter " + counter.redisKey());
    }
  }

  /** Deletes the counter and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    redis.cleanUp(new String[] {counter.redisKey()});
  }

  /** ds: {@code Counter.next()} (INCR). */
  @Benchmark
  public long nextDs() {
    return counter.next();
  }

  /** Raw Redisson: {@code RAtomicLong.incrementAndGet()} (INCR). */
  @Benchmark
  public long nextRaw() {
    return raw.incrementAndGet();
  }
}
