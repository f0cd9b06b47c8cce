package io.dstruct.bench;

import io.dstruct.BitmapCounter;
import io.dstruct.BitmapSlot;
import io.dstruct.Resolution;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
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
import org.redisson.api.RBitSet;
import org.redisson.api.RBitSetAsync;
import org.redisson.api.RedissonClient;

/**
 * A benchmark of {@link BitmapCounter} writes and unions against the same work done with raw Redisson
 * bitsets, on the same slot keys.
 *
 * <p>The counter has one resolution, DAY, in UTC. Pairs:
 * <ul>
 *   <li>{@link #addAllDs} ({@code addAll} of {@value #BATCH} ids into one day's slot: one script)
 *       against {@link #addAllRaw} (an {@link RBatch} of {@value #BATCH} {@code RBitSetAsync.setAsync},
 *       that is SETBITs, on the same key). Both cycle through the same {@value #BATCHES} arrays of
 *       random ids below {@value #UNIVERSE}, so after the warm-up most bits are set already on both
 *       sides.
 *   <li>{@link #unionDs} ({@code countUnion(DAY, from, to)} over {@value #DAYS} days: BITOP OR and
 *       BITCOUNT in one script) against the union done in this JVM: {@link #unionRawBitSets} reads each
 *       day with {@code RBitSet.asBitSet()}, one after the other, ORs the {@link BitSet}s and takes the
 *       cardinality; {@link #unionRawPipelined}, the fastest client-side form we know, reads all days
 *       with {@code toByteArrayAsync()} in one {@link RBatch} and ORs and counts the bytes directly;
 *       {@link #unionRawBitSetOr} ORs the days into a scratch copy on the server with {@code RBitSet.or},
 *       then takes its {@code cardinality()} and deletes it: three round trips of Redisson calls.
 * </ul>
 *
 * <p>The setup writes {@value #IDS_PER_DAY} random ids below {@value #UNIVERSE} into each of the
 * {@value #DAYS} days (about 125 KB per day), and checks that the three unions agree with the union of
 * the ids computed in this JVM, and that a ds write and a raw write of the same slot see each other.
 *
 * <p>All JMH threads share one state. At more than one thread {@link BenchMain} skips {@link
 * #unionRawBitSetOr}, whose one scratch key the threads would overwrite and delete under each other;
 * the other benchmarks share only the cursor over the batches, whose unsynchronized updates stay in
 * range.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class BitmapBench {
  /** The ids of one add call, on both sides. */
  static final int BATCH = 1000;
  /** How many different arrays of ids the add calls cycle through; a power of two. */
  static final int BATCHES = 16;
  /** The ids are below this. */
  static final int UNIVERSE = 1_000_000;
  /** The days of the union. */
  static final int DAYS = 30;
  /** Random ids (some repeated) written into each day of the union. */
  static final int IDS_PER_DAY = 100_000;
  /** An instant in the day that the add calls write. */
  static final Instant ADD_AT = Instant.parse("2026-03-01T12:00:00Z");
  /** The first day of the union. */
  static final Instant UNION_FROM = Instant.parse("2026-01-01T00:00:00Z");
  /** An instant in the last day of the union. */
  static final Instant UNION_TO = Instant.parse("2026-01-30T12:00:00Z");

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private BenchRedis redis;
  private RedissonClient redisson;
  private BitmapCounter counter;
  private long[][] batches;
  private String addKey;
  private String[] dayKeys;
  private RBitSet[] days;
  private RBitSet scratch;
  private int next;

  /** Connects, writes the days of the union and checks that all sides agree. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-bitmap");
    redisson = redis.redisson();
    counter = redis.ds().bitmapCounter(redis.name("bitmap"), Resolution.DAY);
    Random random = new Random(20261124L);

    batches = new long[BATCHES][BATCH];
    for (long[] batch : batches) {
      for (int i = 0; i < BATCH; i++) {
        batch[i] = random.nextInt(UNIVERSE);
      }
    }
    addKey = counter.slot(Resolution.DAY, ADD_AT).redisKey();
    checkAdds();

    List<BitmapSlot> slots = counter.slots(Resolution.DAY, UNION_FROM, UNION_TO);
    if (slots.size() != DAYS) {
      throw new IllegalStateException("expected " + DAYS + " day slots, got " + slots.size());
    }
    dayKeys = new String[DAYS];
    days = new RBitSet[DAYS];
    BitSet expected = new BitSet(UNIVERSE);
    for (int d = 0; d < DAYS; d++) {
      BitSet day = new BitSet(UNIVERSE);
      for (int i = 0; i < IDS_PER_DAY; i++) {
        day.set(random.nextInt(UNIVERSE));
      }
      expected.or(day);
      dayKeys[d] = slots.get(d).redisKey();
      days[d] = redisson.getBitSet(dayKeys[d]);
      days[d].set(day);
    }
    long viaDs = unionDs();
    long viaBitSets = unionRawBitSets();
    long viaPipeline = unionRawPipelined();
    scratch = redisson.getBitSet(redis.name("bitmap-scratch"));
    long viaOr = unionRawBitSetOr();
    if (viaDs != expected.cardinality() || viaBitSets != viaDs || viaPipeline != viaDs || viaOr != viaDs) {
      throw new IllegalStateException("the " + DAYS + "-day unions disagree: expected " + expected.cardinality()
          + ", ds " + viaDs + ", asBitSet " + viaBitSets + ", pipelined " + viaPipeline + ", RBitSet.or " + viaOr);
    }
  }

  /** Checks that a ds write and a raw write of the add slot see each other, then empties the slot. */
  private void checkAdds() {
    BitSet first = new BitSet();
    for (long id : batches[0]) {
      first.set((int) id);
    }
    int added = counter.addAll(batches[0], ADD_AT);
    long rawCount = redisson.getBitSet(addKey).cardinality();
    next = 1; // so that the raw write takes batches[1]
    addAllRaw();
    for (long id : batches[1]) {
      first.set((int) id);
    }
    long dsCount = counter.count(Resolution.DAY, ADD_AT);
    if (added != rawCount || dsCount != first.cardinality()) {
      throw new IllegalStateException("ds and raw Redisson do not share the slot " + addKey + ": ds added " + added
          + ", raw counted " + rawCount + "; after a raw batch ds counts " + dsCount + " of " + first.cardinality());
    }
    redisson.getKeys().delete(addKey);
    next = 0;
  }

  /** Deletes the slots and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    String[] keys = new String[DAYS + 2];
    System.arraycopy(dayKeys, 0, keys, 0, DAYS);
    keys[DAYS] = addKey;
    keys[DAYS + 1] = scratch.getName();
    redis.cleanUp(keys);
  }

  private long[] nextBatch() {
    long[] batch = batches[next];
    next = (next + 1) & (BATCHES - 1);
    return batch;
  }

  /** ds: {@code BitmapCounter.addAll} of 1,000 ids into one day's slot. */
  @Benchmark
  public int addAllDs() {
    return counter.addAll(nextBatch(), ADD_AT);
  }

  /** Raw Redisson: an {@link RBatch} of 1,000 {@code RBitSetAsync.setAsync(id)} on the same slot key. */
  @Benchmark
  public BatchResult<?> addAllRaw() {
    RBatch batch = redisson.createBatch(BatchOptions.defaults());
    RBitSetAsync bits = batch.getBitSet(addKey);
    for (long id : nextBatch()) {
      bits.setAsync(id);
    }
    return batch.execute();
  }

  /** ds: {@code BitmapCounter.countUnion(DAY, from, to)} over 30 days. */
  @Benchmark
  public long unionDs() {
    return counter.countUnion(Resolution.DAY, UNION_FROM, UNION_TO);
  }

  /** Raw Redisson: {@code asBitSet()} of each day in turn, OR of the {@link BitSet}s, cardinality. */
  @Benchmark
  public long unionRawBitSets() {
    BitSet union = new BitSet(UNIVERSE);
    for (RBitSet day : days) {
      union.or(day.asBitSet());
    }
    return union.cardinality();
  }

  /** Raw Redisson: {@code RBitSet.or} of the 30 days into an empty scratch key, its cardinality, delete. */
  @Benchmark
  public long unionRawBitSetOr() {
    scratch.or(dayKeys);
    long count = scratch.cardinality();
    scratch.delete();
    return count;
  }

  /** Raw Redisson: one {@link RBatch} of 30 {@code toByteArrayAsync()}, OR of the bytes, bit count. */
  @Benchmark
  public long unionRawPipelined() {
    RBatch batch = redisson.createBatch(BatchOptions.defaults());
    for (String key : dayKeys) {
      batch.getBitSet(key).toByteArrayAsync();
    }
    List<?> replies = batch.execute().getResponses();
    List<byte[]> bitmaps = new ArrayList<>(replies.size());
    int length = 0;
    for (Object reply : replies) {
      byte[] bytes = (byte[]) reply;
      bitmaps.add(bytes);
      length = Math.max(length, bytes.length);
    }
    byte[] union = new byte[length];
    for (byte[] bytes : bitmaps) {
      for (int i = 0; i < bytes.length; i++) {
        union[i] |= bytes[i];
      }
    }
    return bitCount(union);
  }

  /** Counts the set bits of {@code bytes}, eight bytes at a time. */
  private static long bitCount(byte[] bytes) {
    long count = 0;
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      count += Long.bitCount((long) LONGS.get(bytes, i));
    }
    for (; i < bytes.length; i++) {
      count += Integer.bitCount(bytes[i] & 0xFF);
    }
    return count;
  }
}
