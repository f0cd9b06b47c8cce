package io.dstruct.bench;

import io.dstruct.Dict;
import java.util.List;
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
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of one {@link Dict#batch} of 10,000 writes against a raw Redisson {@link RBatch} of
 * 10,000 {@code RBucketAsync.setAsync} calls.
 *
 * <p>Both sides use one Redisson client, write the same 64-byte string to the same 10,000 keys
 * (preloaded, so every write overwrites) and wait for the whole pipeline to finish. The raw side uses
 * Redisson's {@link StringCodec}, the ds side {@code Codecs.string()}.
 *
 * <p>All JMH threads ({@code --threads N}) share the key space: their batches write the same keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class BatchBench {
  /** How many writes one batch holds. */
  static final int SIZE = 10_000;

  private BenchRedis redis;
  private Dict<String> dict;
  private RedissonClient redisson;
  private String[] entryKeys;
  private String[] redisKeys;

  /** Connects, preloads the key space and checks that both sides see the same entries. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-batch");
    dict = redis.dict();
    redisson = redis.redisson();
    entryKeys = BenchRedis.entryKeys(SIZE);
    redisKeys = BenchRedis.redisKeys(dict, entryKeys);
    redis.preload(redisKeys);
    redis.checkSameKeySpace(dict, entryKeys[SIZE - 1], redisKeys[SIZE - 1]);
  }

  /** Deletes the key space and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    redis.cleanUp(redisKeys);
  }

  /** ds: {@code dict.batch(b -> 10,000 × b.put(key, value))}. */
  @Benchmark
  public List<Object> batchDs() {
    return dict.batch(b -> {
      for (String key : entryKeys) {
        b.put(key, BenchRedis.VALUE);
      }
    });
  }

  /** Raw Redisson: an {@link RBatch} of 10,000 {@code getBucket(key, StringCodec).setAsync(value)}. */
  @Benchmark
  public BatchResult<?> batchRaw() {
    RBatch batch = redisson.createBatch(BatchOptions.defaults());
    for (String key : redisKeys) {
      batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(BenchRedis.VALUE);
    }
    return batch.execute();
  }
}
