package io.dstruct.bench;

import io.dstruct.IdGenerator;
import io.dstruct.IdGeneratorOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
import org.redisson.api.RIdGenerator;

/**
 * A benchmark of {@link IdGenerator#nextId()} against Redisson's {@link RIdGenerator} and against one
 * {@link RAtomicLong#incrementAndGet()} (INCR) per id.
 *
 * <p>The ds generator reserves blocks of {@value #BLOCK} ids and reserves the next block in the
 * background once half of the current one is used (it always does). The {@code RIdGenerator} is
 * initialised with the same allocation size, {@code tryInit(1, 1000)}, and fetches its next allocation
 * when the current one runs out. All three use one Redisson client and keys of their own.
 *
 * <p>{@link #nextIdDs}, {@link #nextIdRaw} and {@link #incrRaw} measure throughput, in ids per second
 * of all JMH threads together. {@link #nextIdDsLatency} samples the time of single {@code nextId()} calls, for the
 * percentiles that {@link Report} prints: most calls take an id from memory, and about one in a
 * block waits for a reservation still under way.
 *
 * <p>All JMH threads ({@code --threads N}) share the generators; at more than one thread {@link
 * BenchMain} skips {@link #nextIdDsLatency}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class IdBench {
  /** The ids of one reservation, on both sides. */
  static final int BLOCK = 1000;
  /** How many ids the setup takes from each generator to check them: several blocks. */
  static final int CHECKED = 3 * BLOCK + 1;

  private BenchRedis redis;
  private IdGenerator ds;
  private RIdGenerator raw;
  private RAtomicLong incr;
  private String rawKey;
  private String incrKey;

  /** Connects, creates the generators and checks that each hands out increasing ids. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-id");
    ds = redis.ds().idGenerator(redis.name("id"), IdGeneratorOptions.defaults().withBlockSize(BLOCK));
    rawKey = redis.name("rid");
    raw = redis.redisson().getIdGenerator(rawKey);
    raw.delete(); // with its allocation-size key, in case an earlier fork left them
    if (!raw.tryInit(1, BLOCK)) {
      throw new IllegalStateException("RIdGenerator " + rawKey + " could not be initialised");
    }
    incrKey = redis.name("incr");
    incr = redis.redisson().getAtomicLong(incrKey);
    checkIncreasing("ds", ds::nextId);
    checkIncreasing("RIdGenerator", raw::nextId);
    checkIncreasing("RAtomicLong", incr::incrementAndGet);
  }

  private static void checkIncreasing(String side, LongSupplier ids) {
    long last = Long.MIN_VALUE;
    for (int i = 0; i < CHECKED; i++) {
      long id = ids.getAsLong();
      if (id <= last) {
        throw new IllegalStateException(side + " handed out " + id + " after " + last);
      }
      last = id;
    }
  }

  /** Deletes the generators' keys and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    raw.delete(); // its counter and its allocation-size key, {<rawKey>}:allocation
    redis.cleanUp(new String[] {ds.redisKey(), incrKey});
  }

  /** ds: {@code IdGenerator.nextId()}, blocks of 1,000 with the next block reserved ahead. */
  @Benchmark
  public long nextIdDs() {
    return ds.nextId();
  }

  /** Raw Redisson: {@code RIdGenerator.nextId()} after {@code tryInit(1, 1000)}. */
  @Benchmark
  public long nextIdRaw() {
    return raw.nextId();
  }

  /** Raw Redisson: {@code RAtomicLong.incrementAndGet()}, one INCR per id. */
  @Benchmark
  public long incrRaw() {
    return incr.incrementAndGet();
  }

  /** ds: {@code IdGenerator.nextId()} again, each call timed, for the latency percentiles. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long nextIdDsLatency() {
    return ds.nextId();
  }
}
