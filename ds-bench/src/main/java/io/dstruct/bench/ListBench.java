package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.DsList;
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
import org.redisson.api.RDeque;
import org.redisson.api.RList;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of a {@link DsList} used as a stack, {@code append} then {@code pop}, against the raw
 * Redisson calls that send the same two commands (RPUSH, RPOP) to the same list.
 *
 * <p>One operation is an append followed by a pop of the tail, so the list stays empty between
 * operations. Both sides use one Redisson client, the list {@link DsList#redisKey()} and the 64-byte
 * {@link BenchRedis#VALUE}; the raw side uses Redisson's {@link StringCodec}, the DsList {@code
 * Codecs.string()}.
 *
 * <p>All JMH threads ({@code --threads N}) share the list; each pops after its own append, so a pop
 * never finds the list empty, though it may take another thread's element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class ListBench {
  private BenchRedis redis;
  private DsList<String> list;
  private RList<String> rawList;
  private RDeque<String> rawDeque;

  /** Connects and checks that each side pops what the other appended. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-list");
    list = redis.ds().list(redis.name("list"), Codecs.string());
    rawList = redis.redisson().getList(list.redisKey(), StringCodec.INSTANCE);
    rawDeque = redis.redisson().getDeque(list.redisKey(), StringCodec.INSTANCE);
    list.append(BenchRedis.VALUE);
    String viaRaw = rawDeque.pollLast();
    rawList.add(BenchRedis.VALUE);
    String viaDs = list.pop();
    if (!BenchRedis.VALUE.equals(viaRaw) || !BenchRedis.VALUE.equals(viaDs) || rawList.size() != 0) {
      throw new IllegalStateException("ds and raw Redisson do not share the list " + list.redisKey()
          + ": raw popped " + viaRaw + ", ds popped " + viaDs);
    }
  }

  /** Deletes the list and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    redis.cleanUp(new String[] {list.redisKey()});
  }

  /** ds: {@code DsList.append} (RPUSH), then {@code DsList.pop} (RPOP). */
  @Benchmark
  public @Nullable String appendPopDs() {
    list.append(BenchRedis.VALUE);
    return list.pop();
  }

  /** Raw Redisson: {@code RList.add} (RPUSH), then {@code RDeque.pollLast} (RPOP), with {@link StringCodec}. */
  @Benchmark
  public @Nullable String appendPopRaw() {
    rawList.add(BenchRedis.VALUE);
    return rawDeque.pollLast();
  }
}
