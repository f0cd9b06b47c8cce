package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.HashDict;
import java.util.HashMap;
import java.util.Map;
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
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of single {@link HashDict} operations against the raw Redisson {@link RMap} call that
 * does the same round trip on the same hash.
 *
 * <p>Both sides use one Redisson client and the same Redis hash, {@link HashDict#redisKey()}, whose
 * 1,024 fields are preloaded with the 64-byte {@link BenchRedis#VALUE}; each call moves to the next
 * field. The raw map reads and writes with Redisson's {@link StringCodec}, the HashDict with {@code
 * Codecs.string()}, so neither pays for Kryo. Pairs:
 * <ul>
 *   <li>{@link #getDs} ({@code HashDict.get}, an HGET) against {@link #getRaw} ({@code RMap.get}, an HGET);
 *   <li>{@link #setDs} ({@code HashDict.set}) and {@link #putDs} ({@code HashDict.put}, which returns
 *       the previous value), both the {@code hash_set} script, against {@link #setRaw} ({@code
 *       RMap.fastPut}, a plain HSET).
 * </ul>
 *
 * <p>All JMH threads ({@code --threads N}) share one state; the cursor over the fields, updated
 * without synchronization, stays in range, so threads may only repeat a field.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class HashBench {
  /** How many fields the calls cycle through; a power of two. */
  static final int FIELDS = 1024;

  private BenchRedis redis;
  private HashDict<String> hash;
  private RMap<String, String> raw;
  private String[] fields;
  private int next;

  /** Connects, preloads the fields and checks that both sides read the same entry. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-hash");
    hash = redis.ds().hashDict(redis.name("hash"), Codecs.string());
    raw = redis.redisson().getMap(hash.redisKey(), StringCodec.INSTANCE);
    fields = new String[FIELDS];
    Map<String, String> preload = new HashMap<>();
    for (int i = 0; i < FIELDS; i++) {
      fields[i] = "f" + i;
      preload.put(fields[i], BenchRedis.VALUE);
    }
    raw.putAll(preload);
    String viaDs = hash.get(fields[FIELDS - 1]);
    String viaRaw = raw.get(fields[FIELDS - 1]);
    if (!BenchRedis.VALUE.equals(viaDs) || !BenchRedis.VALUE.equals(viaRaw) || hash.size() != FIELDS) {
      throw new IllegalStateException("ds and raw Redisson do not read the same hash " + hash.redisKey()
          + ": ds=" + viaDs + ", raw=" + viaRaw + ", size=" + hash.size());
    }
  }

  /** Deletes the hash and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    redis.cleanUp(new String[] {hash.redisKey()});
  }

  private int advance() {
    int i = next;
    next = (i + 1) & (FIELDS - 1);
    return i;
  }

  /** ds: {@code HashDict.get}. */
  @Benchmark
  public @Nullable String getDs() {
    return hash.get(fields[advance()]);
  }

  /** Raw Redisson: {@code RMap.get} with {@link StringCodec}. */
  @Benchmark
  public @Nullable String getRaw() {
    return raw.get(fields[advance()]);
  }

  /** ds: {@code HashDict.set}, which does not return the previous value. */
  @Benchmark
  public void setDs() {
    hash.set(fields[advance()], BenchRedis.VALUE);
  }

  /** ds: {@code HashDict.put}, which returns the previous value. */
  @Benchmark
  public @Nullable String putDs() {
    return hash.put(fields[advance()], BenchRedis.VALUE);
  }

  /** Raw Redisson: {@code RMap.fastPut} with {@link StringCodec}, a plain HSET. */
  @Benchmark
  public boolean setRaw() {
    return raw.fastPut(fields[advance()], BenchRedis.VALUE);
  }
}
