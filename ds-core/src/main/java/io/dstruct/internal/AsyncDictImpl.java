package io.dstruct.internal;

import io.dstruct.AsyncDict;
import io.dstruct.Codec;
import io.dstruct.Dict;
import io.dstruct.DictBatch;
import io.dstruct.DictOptions;
import io.dstruct.scripts.DsScript;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RScript;
import org.redisson.api.options.PlainOptions;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The operations of a Dict, all asynchronous; {@link DictImpl} is the blocking view over them.
 *
 * <p>Single writes go through the {@code dict_set} and {@code dict_compare_and_set} scripts, which
 * check the key's type first, so a key of another type is never overwritten; a plain {@code put} or
 * {@code set} with no TTL to give or keep is a GETSET, which refuses another type just as well.
 * Reads are plain GETs.
 */
public final class AsyncDictImpl<V> extends AbstractAsyncMap<V> implements AsyncDict<V> {
  final Namespace ns;
  final DictOptions options;
  private final long defaultTtlMs;
  private final TtlScopes scopes = new TtlScopes();

  AsyncDictImpl(Redis redis, Namespace ns, Codec<V> codec, DictOptions options) {
    super(redis, codec);
    this.ns = ns;
    this.options = Objects.requireNonNull(options, "options");
    Duration d = options.defaultTtl();
    this.defaultTtlMs = d == null ? 0 : d.toMillis();
  }

  // ---- TTL rules: explicit, then the thread's scope, then the default

  @Override
  WriteTtl writeTtl(@Nullable Duration explicit) {
    return new WriteTtl(ttlMs(explicit), keepTtl(explicit));
  }

  long ttlMs(@Nullable Duration explicit) {
    if (explicit != null) {
      return Checks.positive(explicit, "ttl").toMillis();
    }
    Duration scoped = scopes.current();
    return scoped != null ? scoped.toMillis() : defaultTtlMs;
  }

  boolean keepTtl(@Nullable Duration explicit) {
    return options.keepTtlOnUpdate() && explicit == null && scopes.current() == null;
  }

  Dict.TtlScope openScope(Duration ttl) {
    return scopes.open(ttl);
  }

  // ---- raw operations: one string key per entry

  RBucketAsync<byte[]> bucket(String key) {
    return redis.client().getBucket(ns.key(key), ByteArrayCodec.INSTANCE);
  }

  /** The entry's key for a write: Redisson never resends these, the script runtime decides. */
  private RBucketAsync<byte[]> writeBucket(String key) {
    return redis.client().getBucket(PlainOptions.name(ns.key(key)).codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
  }

  @Override
  String redisKey(String key) {
    return ns.key(key);
  }

  @Override
  CompletionStage<byte @Nullable []> getRaw(String key) {
    return redis.read("GET", ns.key(key), bucket(key).getAsync());
  }

  @Override
  CompletionStage<byte @Nullable []> setRaw(String key, byte[] value, String condition, WriteTtl ttl) {
    String rk = ns.key(key);
    if (condition.equals(ALWAYS) && ttl.ms() == 0 && !ttl.keep()) {
      // GETSET refuses a key of another type (WRONGTYPE) and writes nothing, like the script, at the cost of a SET.
      return Redis.on(rk, redis.scripts().send("GETSET", false, () -> writeBucket(key).getAndSetAsync(value)));
    }
    return Redis.on(rk, redis.scripts().<byte[]>run(DsScript.DICT_SET, RScript.ReturnType.VALUE,
        List.of(rk), value, condition, ttl.ms(), ttl.keep() ? "1" : "0"));
  }

  @Override
  CompletionStage<Boolean> compareAndSetRaw(String key, byte @Nullable [] expected, byte @Nullable [] next, WriteTtl ttl) {
    String rk = ns.key(key);
    return Redis.on(rk, redis.scripts().<Long>run(DsScript.DICT_COMPARE_AND_SET, RScript.ReturnType.LONG,
            List.of(rk), expected == null ? "0" : "1", expected == null ? NONE : expected,
            next == null ? "0" : "1", next == null ? NONE : next, ttl.ms(), ttl.keep() ? "1" : "0"))
        .thenApply(r -> r != null && r == 1L);
  }

  @Override
  CompletionStage<byte @Nullable []> getAndDeleteRaw(String key) {
    String rk = ns.key(key);
    return Redis.on(rk, redis.scripts().<byte[]>run(DsScript.DICT_REMOVE, RScript.ReturnType.VALUE, List.of(rk)));
  }

  /** Deletes the entry, refusing a key of another type than a string: one {@code delete_typed} script. */
  @Override
  public CompletionStage<Boolean> delete(String key) {
    String rk = ns.key(key);
    return Redis.on(rk, redis.scripts().<Long>run(DsScript.DELETE_TYPED, RScript.ReturnType.LONG, List.of(rk), "string"))
        .thenApply(n -> n != null && n > 0);
  }

  /** Deletes every entry of the namespace, by SCAN and UNLINK pages run on the executor. */
  @Override
  public CompletionStage<Boolean> delete() {
    NamespaceScan scan = new NamespaceScan(redis, ns);
    return Redis.on(ns.pattern(), CompletableFuture.supplyAsync(scan::unlinkAll, redis.executor())).thenApply(n -> n > 0);
  }

  // ---- Dict-only operations

  @Override
  public CompletionStage<@Nullable V> put(String key, V value, Duration ttl) {
    return write(key, value, ALWAYS, Objects.requireNonNull(ttl, "ttl"));
  }

  @Override
  public CompletionStage<Void> set(String key, V value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ttl, "ttl");
    return setRaw(key, encode(redisKey(key), value), ALWAYS, writeTtl(ttl)).thenApply(old -> null);
  }

  @Override
  public CompletionStage<@Nullable Duration> ttl(String key) {
    return redis.read("PTTL", ns.key(key), bucket(key).remainTimeToLiveAsync())
        .thenApply(ms -> ms == null || ms < 0 ? null : Duration.ofMillis(ms));
  }

  @Override
  public CompletionStage<Boolean> expire(String key, Duration ttl) {
    Checks.positive(ttl, "ttl");
    // A second PEXPIRE only moves the deadline by the time between the two: safe to resend.
    return Redis.on(ns.key(key), redis.scripts().send("PEXPIRE", true, () -> writeBucket(key).expireAsync(ttl)));
  }

  @Override
  public CompletionStage<Boolean> persist(String key) {
    return Redis.on(ns.key(key), redis.scripts().send("PERSIST", false, () -> writeBucket(key).clearExpireAsync()));
  }

  // ---- batch

  @Override
  public CompletionStage<List<Object>> batch(Consumer<DictBatch<V>> body) {
    return runBatch(body);
  }

  @Override
  String structure() {
    return "dict";
  }

  @Override
  String scope() {
    return ns.pattern();
  }

  @Override
  BatchBase newBatch() {
    return new BatchImpl();
  }

  /**
   * The writes of one batch: plain SET, SET NX and DEL commands pipelined by Redisson's RBatch, so a
   * batch costs what a raw pipeline costs. Unlike single writes, they do not check the type of a key
   * that already exists, as redis-dict's pipeline does not.
   */
  private final class BatchImpl extends BatchBase implements DictBatch<V> {
    private static RBucketAsync<byte[]> bucket(RBatch batch, String redisKey) {
      return batch.getBucket(redisKey, ByteArrayCodec.INSTANCE);
    }

    @Override
    public DictBatch<V> put(String key, V value) {
      return write(key, value, null);
    }

    @Override
    public DictBatch<V> put(String key, V value, Duration ttl) {
      return write(key, value, Objects.requireNonNull(ttl, "ttl"));
    }

    private DictBatch<V> write(String key, V value, @Nullable Duration ttl) {
      check();
      String rk = ns.key(key);
      byte[] bytes = encode(rk, value);
      long ms = ttlMs(ttl);
      boolean keep = keepTtl(ttl);
      if (keep && ms == 0) {
        add(b -> bucket(b, rk).setAndKeepTTLAsync(bytes));
      } else if (keep) {
        // Keep an existing entry's TTL, give a new one the default: only the script can decide.
        add(b -> scriptIn(b, DsScript.DICT_SET, RScript.ReturnType.VALUE, rk, bytes, ALWAYS, ms, "1"));
      } else if (ms > 0) {
        add(b -> bucket(b, rk).setAsync(bytes, Duration.ofMillis(ms)));
      } else {
        add(b -> bucket(b, rk).setAsync(bytes));
      }
      return this;
    }

    @Override
    public DictBatch<V> putIfAbsent(String key, V value) {
      check();
      String rk = ns.key(key);
      byte[] bytes = encode(rk, value);
      long ms = ttlMs(null);
      add(b -> ms > 0 ? bucket(b, rk).setIfAbsentAsync(bytes, Duration.ofMillis(ms)) : bucket(b, rk).setIfAbsentAsync(bytes));
      return this;
    }

    @Override
    public DictBatch<V> remove(String key) {
      check();
      String rk = ns.key(key);
      add(b -> bucket(b, rk).deleteAsync());
      return this;
    }
  }
}
