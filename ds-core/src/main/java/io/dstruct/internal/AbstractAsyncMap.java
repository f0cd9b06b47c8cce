package io.dstruct.internal;

import io.dstruct.AsyncMap;
import io.dstruct.Codec;
import io.dstruct.MapBatch;
import io.dstruct.scripts.DsScript;
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
import org.redisson.api.RScript;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.ByteArrayCodec;

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
   * threads), write if the entry is unchanged, and start over if it changed. The updates of one
   * entry from this client wait for each other ({@link KeyQueue}), so only other clients' writes
   * make a round lose; lost rounds are bounded ({@link BoundedRetry}). Cancelling the returned
   * future stops the rounds (a write already sent still lands or not).
   */
  CompletionStage<@Nullable V> update(String key, Function<@Nullable V, Updates.Update<V>> decide) {
    Objects.requireNonNull(key, "key");
    WriteTtl ttl = writeTtl(null);
    String rk = redisKey(key);
    CompletableFuture<@Nullable V> result = new CompletableFuture<>();
    redis.updates().after(queueKey(rk, key), () -> BoundedRetry.loop(result, rk, () -> round(key, rk, decide, ttl)));
    return result;
  }

  private CompletionStage<BoundedRetry.Round<V>> round(String key, String rk, Function<@Nullable V, Updates.Update<V>> decide,
      WriteTtl ttl) {
    return getRaw(key).thenComposeAsync(raw -> {
      Updates.Update<V> u = decide.apply(decode(rk, raw));
      if (!u.write()) {
        return CompletableFuture.completedFuture(BoundedRetry.Round.done(u.result()));
      }
      byte[] next = u.result() == null ? null : encode(rk, u.result());
      return compareAndSetRaw(key, raw, next, ttl)
          .thenApply(ok -> ok ? BoundedRetry.Round.done(u.result()) : lost());
    }, redis.executor());
  }

  /** Counts a lost round of the compare-and-set loop, and says to try again. */
  private BoundedRetry.Round<V> lost() {
    redis.metrics().conflict(structure());
    return BoundedRetry.Round.again();
  }

  /** The blocking twin of {@link #update}: the same rounds and queue, with the function on the calling thread. */
  @Nullable V updateNow(String key, Function<@Nullable V, Updates.Update<V>> decide) {
    Objects.requireNonNull(key, "key");
    String rk = redisKey(key);
    WriteTtl ttl = writeTtl(null);
    KeyQueue.Turn turn = redis.updates().turn(queueKey(rk, key));
    try {
      Redis.join(turn.ready());
      return BoundedRetry.loopNow(rk, () -> {
        byte[] raw = Redis.join(getRaw(key));
        Updates.Update<V> u = decide.apply(decode(rk, raw));
        if (!u.write()) {
          return BoundedRetry.Round.done(u.result());
        }
        byte[] next = u.result() == null ? null : encode(rk, u.result());
        return Redis.join(compareAndSetRaw(key, raw, next, ttl)) ? BoundedRetry.Round.done(u.result()) : lost();
      });
    } finally {
      turn.end();
    }
  }

  /** Names one entry in the update queue: its Redis key, and for a hash also its field. */
  private static String queueKey(String redisKey, String key) {
    return redisKey + '\0' + key;
  }

  // ---- batches

  /** Returns what names this map in the errors of a batch: its hash key, or its namespace pattern. */
  abstract String scope();

  /** Names the structure in metrics: {@code dict} or {@code hashdict}. */
  abstract String structure();

  /**
   * Runs {@code body} on a new batch, then sends its writes in one round trip; the stage holds their
   * results in order. Nothing is sent if {@code body} throws.
   *
   * <p>The writes are recorded, then replayed onto a fresh Redisson batch for each attempt of the
   * script runtime ({@link io.dstruct.scripts.ScriptRunner#send}), with Redisson's own resending off.
   * A batch is not idempotent, so a lost reply fails it with an unknown outcome. A script in the
   * batch is sent with EVALSHA; if the server had lost it, that one write (which did not run) is run
   * again alone through the runtime, after the others.
   */
  @SuppressWarnings("unchecked")
  <B extends MapBatch<V>> CompletionStage<List<Object>> runBatch(Consumer<? super B> body) {
    Objects.requireNonNull(body, "body");
    BatchBase b = newBatch();
    body.accept((B) b);
    b.closed = true;
    if (b.writes.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return Redis.on(scope(), redis.scripts().send("batch of " + b.writes.size() + " writes", false, () -> {
      RBatch batch = redis.client().createBatch(BatchOptions.defaults().retryAttempts(0));
      List<CompletionStage<?>> stages = new ArrayList<>(b.writes.size());
      for (Function<RBatch, CompletionStage<?>> w : b.writes) {
        stages.add(w.apply(batch));
      }
      return batch.executeAsync().handle((r, e) -> e).thenCompose(e -> {
        if (e != null && !(unwrapped(e) instanceof RedisNoScriptException)) {
          return CompletableFuture.failedFuture(e);
        }
        // Every write has its reply; only a script write can have failed (NOSCRIPT), and it reran alone.
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new)).thenApply(x -> BatchBase.results(stages));
      });
    }));
  }

  /**
   * Adds {@code op} to {@code batch} with EVALSHA; if the server had lost the script, the stage runs
   * it again alone through the script runtime, which reloads it.
   */
  CompletionStage<?> scriptIn(RBatch batch, DsScript op, RScript.ReturnType reply, String key, Object... args) {
    byte[][] argv = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      argv[i] = args[i] instanceof byte[] bytes ? bytes : utf8(args[i].toString());
    }
    return batch.getScript(ByteArrayCodec.INSTANCE)
        .evalShaAsync(key, RScript.Mode.READ_WRITE, op.source().sha1(), reply, List.of(key), (Object[]) argv)
        .exceptionallyCompose(e -> unwrapped(e) instanceof RedisNoScriptException
            ? redis.scripts().run(op, reply, List.of(key), args)
            : CompletableFuture.failedFuture(e));
  }

  private static Throwable unwrapped(Throwable e) {
    Throwable t = e;
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Returns a new, empty batch of this map's writes. */
  abstract BatchBase newBatch();

  /** The writes of one batch, recorded to be replayed onto a Redisson batch; valid only inside its body, on its thread. */
  abstract class BatchBase implements MapBatch<V> {
    private final List<Function<RBatch, CompletionStage<?>>> writes = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    /** Checks that the batch is still open and used from its own thread. */
    void check() {
      if (closed || Thread.currentThread() != owner) {
        throw new IllegalStateException("a batch is valid only inside its body, on its thread");
      }
    }

    /** Adds one write, which {@code write} adds to a Redisson batch and returns the stage of. */
    void add(Function<RBatch, CompletionStage<?>> write) {
      check();
      writes.add(write);
    }

    /** Returns each write's result: a Boolean as it is, anything else (a SET) as true. */
    static List<Object> results(List<CompletionStage<?>> stages) {
      Object[] out = new Object[stages.size()];
      for (int i = 0; i < out.length; i++) {
        Object r = stages.get(i).toCompletableFuture().getNow(null);
        out[i] = r instanceof Boolean ? r : Boolean.TRUE;
      }
      return List.of(out);
    }
  }
}
