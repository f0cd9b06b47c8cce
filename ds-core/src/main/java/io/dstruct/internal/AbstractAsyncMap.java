package io.dstruct.internal;

import io.dstruct.AsyncMap;
import io.dstruct.Codec;
import io.dstruct.MapBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;

/**
 * The asynchronous map operations that {@link AsyncDictImpl} (one key per entry) and {@link
 * AsyncHashDictImpl} (one hash) share: encoding, the conditional writes, and the compare-and-set
 * loop of compute and merge. Subclasses supply the raw operations on a key's bytes.
 */
abstract class AbstractAsyncMap<V> implements AsyncMap<V> {
  static final String ALWAYS = "always";
  static final String ABSENT = "absent";
  static final String PRESENT = "present";

  final Redis redis;
  final Encoding<V> values;

  AbstractAsyncMap(Redis redis, Codec<V> codec) {
    this.redis = redis;
    this.values = new Encoding<>(codec);
  }

  /**
   * The TTL of a write, fixed on the calling thread when the operation starts (a thread's TTL scope
   * must apply even when the write itself happens later on another thread).
   */
  record WriteTtl(long ms, boolean keep) {
    static final WriteTtl NONE = new WriteTtl(0, false);
  }

  // ---- what a subclass supplies

  /** Returns the TTL for a write on the calling thread, given an explicit TTL or null. */
  WriteTtl writeTtl(@Nullable Duration explicit) {
    return WriteTtl.NONE;
  }

  /** Returns the Redis key that holds {@code key}, for error messages. */
  abstract String redisKey(String key);

  /** Reads the raw value of {@code key}, or null. */
  abstract CompletionStage<byte @Nullable []> getRaw(String key);

  /** Writes {@code value} under {@code condition} with an optional TTL; the stage holds the previous raw value. */
  abstract CompletionStage<byte @Nullable []> setRaw(String key, byte[] value, String condition, WriteTtl ttl);

  /** Writes {@code next} (null deletes) only if the raw value is still {@code expected} (null: absent). */
  abstract CompletionStage<Boolean> compareAndSetRaw(String key, byte @Nullable [] expected, byte @Nullable [] next, WriteTtl ttl);

  /** Deletes {@code key} and returns its raw value. */
  abstract CompletionStage<byte @Nullable []> getAndDeleteRaw(String key);

  // ---- encoding

  byte[] encode(String redisKey, V value) {
    return values.encode(redisKey, value);
  }

  @Nullable V decode(String redisKey, byte @Nullable [] raw) {
    return values.decode(redisKey, raw);
  }

  private CompletionStage<@Nullable V> decoded(String key, CompletionStage<byte @Nullable []> raw) {
    String rk = redisKey(key);
    return raw.thenApply(b -> decode(rk, b));
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The script arguments that mean "no value" where a value is optional. */
  static final byte[] NONE = new byte[0];

  // ---- the operations

  @Override
  public CompletionStage<@Nullable V> get(String key) {
    return decoded(key, getRaw(Objects.requireNonNull(key, "key")));
  }

  @Override
  public CompletionStage<Boolean> containsKey(String key) {
    return getRaw(Objects.requireNonNull(key, "key")).thenApply(Objects::nonNull);
  }

  @Override
  public CompletionStage<@Nullable V> put(String key, V value) {
    return write(key, value, ALWAYS, null);
  }

  @Override
  public CompletionStage<Void> set(String key, V value) {
    Objects.requireNonNull(key, "key");
    return setRaw(key, encode(redisKey(key), value), ALWAYS, writeTtl(null)).thenApply(old -> null);
  }

  @Override
  public CompletionStage<@Nullable V> putIfAbsent(String key, V value) {
    return write(key, value, ABSENT, null);
  }

  @Override
  public CompletionStage<@Nullable V> replace(String key, V value) {
    return write(key, value, PRESENT, null);
  }

  CompletionStage<@Nullable V> write(String key, V value, String condition, @Nullable Duration ttl) {
    Objects.requireNonNull(key, "key");
    return decoded(key, setRaw(key, encode(redisKey(key), value), condition, writeTtl(ttl)));
  }

  @Override
  public CompletionStage<Boolean> replace(String key, V oldValue, V newValue) {
    String rk = redisKey(Objects.requireNonNull(key, "key"));
    return compareAndSetRaw(key, encode(rk, oldValue), encode(rk, newValue), writeTtl(null));
  }

  @Override
  public CompletionStage<@Nullable V> remove(String key) {
    return decoded(key, getAndDeleteRaw(Objects.requireNonNull(key, "key")));
  }

  @Override
  public CompletionStage<Boolean> remove(String key, V value) {
    return compareAndSetRaw(Objects.requireNonNull(key, "key"), encode(redisKey(key), value), null, WriteTtl.NONE);
  }

  @Override
  public CompletionStage<@Nullable V> compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn) {
    return update(key, Updates.compute(key, fn));
  }

  @Override
  public CompletionStage<@Nullable V> computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn) {
    return update(key, Updates.computeIfAbsent(key, fn));
  }

  @Override
  public CompletionStage<@Nullable V> computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn) {
    return update(key, Updates.computeIfPresent(key, fn));
  }

  @Override
  public CompletionStage<@Nullable V> merge(String key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
    return update(key, Updates.merge(value, fn));
  }

  /**
   * The compare-and-set loop of compute and merge: read, decide (on the executor, off the I/O
   * threads), write if the entry is unchanged, and start over if it changed.
   */
  CompletionStage<@Nullable V> update(String key, Function<@Nullable V, Updates.Update<V>> decide) {
    Objects.requireNonNull(key, "key");
    return update(key, decide, writeTtl(null));
  }

  private CompletionStage<@Nullable V> update(String key, Function<@Nullable V, Updates.Update<V>> decide, WriteTtl ttl) {
    String rk = redisKey(key);
    return getRaw(key).thenComposeAsync(raw -> {
      Updates.Update<V> u = decide.apply(decode(rk, raw));
      if (!u.write()) {
        return CompletableFuture.completedFuture(u.result());
      }
      byte[] next = u.result() == null ? null : encode(rk, u.result());
      return compareAndSetRaw(key, raw, next, ttl).thenCompose(ok -> ok
          ? CompletableFuture.completedFuture(u.result())
          : update(key, decide, ttl));
    }, redis.executor());
  }

  /** The blocking twin of {@link #update}: the same rounds, with the function on the calling thread. */
  @Nullable V updateNow(String key, Function<@Nullable V, Updates.Update<V>> decide) {
    Objects.requireNonNull(key, "key");
    String rk = redisKey(key);
    WriteTtl ttl = writeTtl(null);
    while (true) {
      byte[] raw = Redis.join(getRaw(key));
      Updates.Update<V> u = decide.apply(decode(rk, raw));
      if (!u.write()) {
        return u.result();
      }
      byte[] next = u.result() == null ? null : encode(rk, u.result());
      if (Redis.join(compareAndSetRaw(key, raw, next, ttl))) {
        return u.result();
      }
    }
  }

  // ---- batches

  /** Returns what names this map in the errors of a batch: its hash key, or its namespace pattern. */
  abstract String scope();

  /** Returns a new, empty batch of this map's writes over {@code batch}. */
  abstract BatchBase newBatch(RBatch batch);

  /**
   * Runs {@code body} on a new batch, then sends its writes in one round trip; the stage holds their
   * results in order. Nothing is sent if {@code body} throws.
   */
  @SuppressWarnings("unchecked")
  <B extends MapBatch<V>> CompletionStage<List<Object>> runBatch(Consumer<? super B> body) {
    Objects.requireNonNull(body, "body");
    BatchBase b = newBatch(redis.client().createBatch(BatchOptions.defaults()));
    body.accept((B) b);
    b.closed = true;
    if (b.results.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return Redis.on(scope(), b.batch.executeAsync()).thenApply(r -> b.results());
  }

  /** The writes of one batch; valid only inside its body, on its thread. */
  abstract class BatchBase implements MapBatch<V> {
    final RBatch batch;
    private final List<CompletionStage<?>> results = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    BatchBase(RBatch batch) {
      this.batch = batch;
    }

    /** Checks that the batch is still open and used from its own thread. */
    void check() {
      if (closed || Thread.currentThread() != owner) {
        throw new IllegalStateException("a batch is valid only inside its body, on its thread");
      }
    }

    /** Adds the stage of one write. */
    void add(CompletionStage<?> write) {
      results.add(write);
    }

    /** Returns each write's result: a Boolean as it is, anything else (a SET) as true. */
    List<Object> results() {
      Object[] out = new Object[results.size()];
      for (int i = 0; i < out.length; i++) {
        Object r = results.get(i).toCompletableFuture().getNow(null);
        out[i] = r instanceof Boolean ? r : Boolean.TRUE;
      }
      return List.of(out);
    }
  }
}
