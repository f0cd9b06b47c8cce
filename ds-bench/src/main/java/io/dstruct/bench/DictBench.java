package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.Ds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of single {@link Dict} operations against the raw Redisson {@code RBucket} call that
 * does the same round trip.
 *
 * <p>Both sides use one Redisson client, the same 1,024 keys (preloaded with a 64-byte string) and the
 * same value; each call moves to the next key. The raw side reads and writes with Redisson's {@link
 * StringCodec}, the ds side with {@code Codecs.string()}, so neither pays for Kryo. Pairs:
 * <ul>
 *   <li>{@link #getDs} ({@code Dict.get}, a GET) against {@link #getRaw} ({@code RBucket.get});
 *   <li>{@link #getDsMetered} ({@code Dict.get} of a Ds whose meters go to a {@link SimpleMeterRegistry})
 *       against {@link #getDs}: the cost of metrics;
 *   <li>{@link #setDs} ({@code Dict.set}) and {@link #putDs} ({@code Dict.put}, which returns the
 *       previous value) against {@link #setRaw} ({@code RBucket.set}, a plain SET).
 * </ul>
 *
 * <p>All JMH threads ({@code --threads N}) share one state; the cursor over the keys, updated without
 * synchronization, stays in range, so threads may only repeat a key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class DictBench {
  /** How many keys the calls cycle through; a power of two. */
  static final int KEYS = 1024;

  private BenchRedis redis;
  private Dict<String> dict;
  private Ds meteredDs;
  private Dict<String> meteredDict;
  private RedissonClient redisson;
  private String[] entryKeys;
  private String[] redisKeys;
  private int next;

  /** Connects, preloads the key space and checks that both sides see the same entries. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-dict");
    dict = redis.dict();
    redisson = redis.redisson();
    entryKeys = BenchRedis.entryKeys(KEYS);
    redisKeys = BenchRedis.redisKeys(dict, entryKeys);
    redis.preload(redisKeys);
    redis.checkSameKeySpace(dict, entryKeys[0], redisKeys[0]);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    meteredDs = BenchRedis.metered(registry);
    meteredDict = meteredDs.dict(dict.namespace(), Codecs.string());
    if (!BenchRedis.VALUE.equals(meteredDict.get(entryKeys[0])) || registry.find("ds.command").timer() == null) {
      throw new IllegalStateException("the metered Dict does not see the entries, or records no meter");
    }
  }

  /** Deletes the key space and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    meteredDs.close();
    redis.cleanUp(redisKeys);
  }

  private int advance() {
    int i = next;
    next = (i + 1) & (KEYS - 1);
    return i;
  }

  /** ds: {@code Dict.get}. */
  @Benchmark
  public @Nullable String getDs() {
    return dict.get(entryKeys[advance()]);
  }

  /** ds with metrics on: {@code Dict.get}, timed into a {@link SimpleMeterRegistry}. */
  @Benchmark
  public @Nullable String getDsMetered() {
    return meteredDict.get(entryKeys[advance()]);
  }

  /** Raw Redisson: {@code RBucket.get} with {@link StringCodec}. */
  @Benchmark
  public @Nullable String getRaw() {
    return redisson.<String>getBucket(redisKeys[advance()], StringCodec.INSTANCE).get();
  }

  /** ds: {@code Dict.set}, which does not return the previous value. */
  @Benchmark
  public void setDs() {
    dict.set(entryKeys[advance()], BenchRedis.VALUE);
  }

  /** ds: {@code Dict.put}, which returns the previous value. */
  @Benchmark
  public @Nullable String putDs() {
    return dict.put(entryKeys[advance()], BenchRedis.VALUE);
  }

  /** Raw Redisson: {@code RBucket.set} with {@link StringCodec}, a plain SET. */
  @Benchmark
  public void setRaw() {
    redisson.<String>getBucket(redisKeys[advance()], StringCodec.INSTANCE).set(BenchRedis.VALUE);
  }
}
