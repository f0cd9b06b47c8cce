package io.dstruct.internal;

import io.dstruct.AsyncBitmapCounter;
import io.dstruct.BitmapCounter;
import io.dstruct.BitmapCounterOptions;
import io.dstruct.BitmapSlot;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.IdMapper;
import io.dstruct.Resolution;
import io.dstruct.scripts.DsScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * A {@link BitmapCounter}: slot keys computed here by {@link BitmapSlots}, writes and combined reads as
 * one script each, single-slot reads as one BITCOUNT or GETBIT through Redisson's RBitSet.
 *
 * <p>The zone and first day of the week are kept in the meta key: {@code bitmap_add} stores them on
 * the first write and refuses other ones; every other operation of this object first reads them once
 * ({@link #checkSettings}) until they have been found equal.
 */
public final class BitmapCounterImpl implements BitmapCounter {
  private final Redis redis;
  private final String name;
  private final BitmapCounterOptions options;
  private final BitmapSlots slots;
  private final String tmpKey;
  private final String metaKey;
  private final String settings;
  private final String pattern;
  private final IdMapper idMapper;
  /** Whether the settings stored in Redis are known to be this counter's. */
  private volatile boolean settingsChecked;
  private final Async async = new Async();

  /** Opens the counter {@code name}; nothing is sent to Redis. */
  public BitmapCounterImpl(Redis redis, String name, BitmapCounterOptions options) {
    Objects.requireNonNull(options, "options");
    Keys keys = Keys.of(name, "bitmap");
    this.redis = redis;
    this.name = name;
    this.options = options;
    this.slots = new BitmapSlots(keys, options.zone(), options.firstDayOfWeek());
    this.tmpKey = keys.sub("tmp");
    this.metaKey = keys.sub("meta");
    this.settings = "zone=" + options.zone().normalized().getId() + " firstDayOfWeek=" + options.firstDayOfWeek();
    this.pattern = TypedDelete.glob(keys.key()) + ":*";
    this.idMapper = new IdMapperImpl(redis, name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public BitmapCounterOptions options() {
    return options;
  }

  @Override
  public BitmapSlot slot(Resolution resolution, Instant at) {
    return slots.of(configured(resolution), Objects.requireNonNull(at, "at"));
  }

  @Override
  public List<BitmapSlot> slots(Resolution resolution, Instant from, Instant to) {
    return slots.between(configured(resolution), Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"),
        MAX_SLOTS);
  }

  @Override
  public boolean add(long id) {
    return Redis.join(async.add(id));
  }

  @Override
  public boolean add(long id, Instant at) {
    return Redis.join(async.add(id, at));
  }

  @Override
  public int addAll(long[] ids) {
    return Redis.join(async.addAll(ids));
  }

  @Override
  public int addAll(long[] ids, Instant at) {
    return Redis.join(async.addAll(ids, at));
  }

  @Override
  public long count(Resolution resolution) {
    return Redis.join(async.count(resolution));
  }

  @Override
  public long count(Resolution resolution, Instant at) {
    return Redis.join(async.count(resolution, at));
  }

  @Override
  public boolean contains(long id, Resolution resolution) {
    return Redis.join(async.contains(id, resolution));
  }

  @Override
  public boolean contains(long id, Resolution resolution, Instant at) {
    return Redis.join(async.contains(id, resolution, at));
  }

  @Override
  public long countUnion(Resolution resolution, Instant from, Instant to) {
    return Redis.join(async.countUnion(resolution, from, to));
  }

  @Override
  public long countIntersection(Resolution resolution, Instant from, Instant to) {
    return Redis.join(async.countIntersection(resolution, from, to));
  }

  @Override
  public List<Long> cohort(Resolution resolution, Instant start, int n) {
    return Redis.join(async.cohort(resolution, start, n));
  }

  @Override
  public long rollup(Resolution fine, Resolution coarse, Instant at) {
    return Redis.join(async.rollup(fine, coarse, at));
  }

  @Override
  public boolean delete() {
    return Redis.join(async.delete());
  }

  @Override
  public IdMapper idMapper() {
    return idMapper;
  }

  @Override
  public AsyncBitmapCounter async() {
    return async;
  }

  @Override
  public String toString() {
    return "BitmapCounter(" + name + ", " + options.resolutions() + ", " + options.zone() + ")";
  }

  private Resolution configured(Resolution resolution) {
    Objects.requireNonNull(resolution, "resolution");
    if (!options.resolutions().contains(resolution)) {
      throw new DsInvalidArgumentException(resolution + " is not a resolution of the bitmap counter '" + name
          + "', which has " + options.resolutions());
    }
    return resolution;
  }

  private static long checkedId(long id) {
    if (id < 0 || id > MAX_ID) {
      throw new DsInvalidArgumentException("id must be between 0 and " + MAX_ID + " (2^32 - 1), got " + id);
    }
    return id;
  }

  /** Checks an id to write: from 0 to the counter's largest id, which bounds the size of a slot. */
  private long writableId(long id) {
    if (id < 0 || id > options.maxId()) {
      throw new DsInvalidArgumentException("id must be between 0 and the largest id " + options.maxId()
          + " of the bitmap counter '" + name + "', got " + id + " (a bitmap takes a bit per id up to its largest;"
          + " map sparse ids to dense ones with idMapper(), or raise BitmapCounterOptions.withMaxId)");
    }
    return id;
  }

  /**
   * Runs {@code operation} once the settings stored in Redis are known to be this counter's: the first
   * time, one GET of the meta key; absent settings (nothing written yet) are checked again next time.
   */
  private <T> CompletionStage<T> checkSettings(Supplier<CompletionStage<T>> operation) {
    if (settingsChecked) {
      return operation.get();
    }
    CompletionStage<String> stored = Redis.on(metaKey,
        redis.client().<String>getBucket(metaKey, StringCodec.INSTANCE).getAsync());
    return stored.thenCompose(text -> {
      if (text != null) {
        refuseOther(text);
        settingsChecked = true;
      }
      return operation.get();
    });
  }

  private void refuseOther(String stored) {
    if (!stored.equals(settings)) {
      throw new DsInvalidArgumentException("the bitmap counter " + metaKey + " keeps " + stored
          + ", but this one was opened with " + settings);
    }
  }

  /** The expiry of {@code slot} as a Unix time in ms: its end plus its resolution's retention, or 0 for none. */
  private long expiryOf(BitmapSlot slot) {
    Duration retention = options.retention(slot.resolution());
    return retention == null ? 0 : slot.end().toEpochMilli() + retention.toMillis();
  }

  /** The asynchronous operations; every argument is checked before anything is sent. */
  private final class Async implements AsyncBitmapCounter {
    @Override
    public CompletionStage<Boolean> add(long id) {
      return add(id, options.clock().instant());
    }

    @Override
    public CompletionStage<Boolean> add(long id, Instant at) {
      return write(new long[] {writableId(id)}, at).thenApply(added -> added > 0);
    }

    @Override
    public CompletionStage<Integer> addAll(long[] ids) {
      return addAll(ids, options.clock().instant());
    }

    @Override
    public CompletionStage<Integer> addAll(long[] ids, Instant at) {
      Objects.requireNonNull(ids, "ids");
      Checks.inRange(ids.length, 1, MAX_BATCH, "number of ids");
      for (long id : ids) {
        writableId(id);
      }
      return write(ids, at).thenApply(Long::intValue);
    }

    /** Sets the bits of {@code ids} in the slot holding {@code at} of every resolution: one script. */
    private CompletionStage<Long> write(long[] ids, Instant at) {
      Objects.requireNonNull(at, "at");
      List<Object> keys = new ArrayList<>(options.resolutions().size() + 2);
      List<Object> args = new ArrayList<>(options.resolutions().size() + ids.length + 1);
      keys.add(tmpKey);
      keys.add(metaKey);
      args.add(settings);
      for (Resolution r : options.resolutions()) {
        BitmapSlot slot = slots.of(r, at);
        keys.add(slot.redisKey());
        args.add(expiryOf(slot));
      }
      for (long id : ids) {
        args.add(id);
      }
      CompletionStage<Long> added = Redis.on((String) keys.get(2), redis.scripts().<Long>run(DsScript.BITMAP_ADD,
          RScript.ReturnType.LONG, keys, args.toArray()));
      return added.thenApply(n -> {
        settingsChecked = true;
        return n;
      });
    }

    @Override
    public CompletionStage<Long> count(Resolution resolution) {
      return count(resolution, options.clock().instant());
    }

    @Override
    public CompletionStage<Long> count(Resolution resolution, Instant at) {
      String key = slot(resolution, at).redisKey();
      return checkSettings(() -> redis.read("BITCOUNT", key, redis.client().getBitSet(key).cardinalityAsync()));
    }

    @Override
    public CompletionStage<Boolean> contains(long id, Resolution resolution) {
      return contains(id, resolution, options.clock().instant());
    }

    @Override
    public CompletionStage<Boolean> contains(long id, Resolution resolution, Instant at) {
      checkedId(id);
      String key = slot(resolution, at).redisKey();
      return checkSettings(() -> redis.read("GETBIT", key, redis.client().getBitSet(key).getAsync(id)));
    }

    @Override
    public CompletionStage<Long> countUnion(Resolution resolution, Instant from, Instant to) {
      return combine(resolution, from, to, "OR");
    }

    @Override
    public CompletionStage<Long> countIntersection(Resolution resolution, Instant from, Instant to) {
      return combine(resolution, from, to, "AND");
    }

    private CompletionStage<Long> combine(Resolution resolution, Instant from, Instant to, String op) {
      List<Object> keys = keysOf(slots(resolution, from, to));
      return checkSettings(() -> Redis.on((String) keys.get(1), redis.scripts().run(DsScript.BITMAP_COMBINE_COUNT,
          RScript.ReturnType.LONG, keys, op)));
    }

    @Override
    public CompletionStage<List<Long>> cohort(Resolution resolution, Instant start, int n) {
      List<Object> keys = keysOf(slots.following(configured(resolution), Objects.requireNonNull(start, "start"), n,
          MAX_SLOTS));
      return checkSettings(() -> Redis.on((String) keys.get(1), redis.scripts().<List<Long>>run(DsScript.BITMAP_COHORT,
          RScript.ReturnType.LIST, keys)).thenApply(List::copyOf));
    }

    @Override
    public CompletionStage<Long> rollup(Resolution fine, Resolution coarse, Instant at) {
      configured(fine);
      configured(coarse);
      Objects.requireNonNull(at, "at");
      if (fine == coarse) {
        throw new DsInvalidArgumentException("cannot roll " + fine + " up into itself");
      }
      if (!fine.nestsIn(coarse)) {
        throw new DsInvalidArgumentException("cannot roll " + fine + " up into " + coarse + ": a " + fine
            + " slot does not always lie inside one " + coarse + " slot");
      }
      BitmapSlot target = slots.of(coarse, at);
      List<BitmapSlot> parts;
      try {
        parts = slots.between(fine, target.start(), target.end().minusNanos(1), MAX_SLOTS);
      } catch (DsInvalidArgumentException e) {
        throw new DsInvalidArgumentException("cannot roll " + fine + " up into " + coarse + " in one call: the "
            + coarse + " slot " + target.redisKey() + " has more than " + MAX_SLOTS + " " + fine
            + " slots; roll up through a resolution in between");
      }
      List<Object> keys = new ArrayList<>(parts.size() + 1);
      keys.add(target.redisKey());
      parts.forEach(p -> keys.add(p.redisKey()));
      return checkSettings(() -> Redis.on(target.redisKey(), redis.scripts().run(DsScript.BITMAP_ROLLUP,
          RScript.ReturnType.LONG, keys, expiryOf(target))));
    }

    @Override
    public CompletionStage<Boolean> delete() {
      settingsChecked = false; // another process may store other settings once these are gone
      return TypedDelete.matching(redis, pattern, "string");
    }

    /** Returns the temporary key followed by the keys of {@code list}. */
    private List<Object> keysOf(List<BitmapSlot> list) {
      List<Object> keys = new ArrayList<>(list.size() + 1);
      keys.add(tmpKey);
      list.forEach(s -> keys.add(s.redisKey()));
      return keys;
    }
  }
}
