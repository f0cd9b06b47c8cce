package io.dstruct.internal;

import io.dstruct.AsyncDsList;
import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import io.dstruct.DsList;
import io.dstruct.scripts.DsScript;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RBlockingDeque;
import org.redisson.api.RList;
import org.redisson.api.RMap;
import org.redisson.api.RScript;
import org.redisson.api.options.MapOptions;
import org.redisson.api.options.PlainOptions;
import org.redisson.api.queue.DequeMoveArgs;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The operations of a DsList, all asynchronous; {@link DsListImpl} is the blocking view.
 *
 * <p>Every pop runs one state machine ({@link PopRun}): the script {@code list_take} moves the
 * element into the in-flight hash {@code {name}:list:inflight} under a field of the pop's own, then
 * the pop either hands the element over, removing the field first (HDEL, the acknowledgement), or
 * puts it back with {@code list_requeue}. Each step is safe to send twice, so a step whose reply was
 * lost is simply repeated. A pop waits on the server with a BLMOVE of the list onto itself, head to
 * head (or tail to tail): it returns when the list holds an element and takes nothing, so it may be
 * resent, and may outlive its caller, without harm.
 */
public final class AsyncDsListImpl<V> implements AsyncDsList<V> {
  /** How long one BLMOVE of a waiting pop blocks: a cancelled wait frees its connection within this. */
  private static final Duration SLICE = Duration.ofSeconds(1);
  /** How many times a step whose reply was lost, or a compare-and-set that lost a race, is tried. */
  static final int ATTEMPTS = 10;
  /** The first pause between two tries; it doubles each time, up to {@link #MAX_PAUSE_MILLIS}. */
  private static final long FIRST_PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 500;
  private static final byte[] MARKER_PREFIX = "\u0000ds-marker:".getBytes(StandardCharsets.UTF_8);

  final Redis redis;
  final Encoding<V> values;
  final String name;
  final String key;
  final String inflightKey;
  final RList<byte[]> list;
  final RBlockingDeque<byte[]> deque;
  /** The list for writes that are not safe to run twice: Redisson never resends their commands. */
  private final RBlockingDeque<byte[]> writeDeque;
  private final RList<byte[]> writeList;
  private final RMap<byte[], byte[]> inflight;
  private final List<Object> keys;

  AsyncDsListImpl(Redis redis, String name, Codec<V> codec) {
    this.redis = redis;
    this.values = new Encoding<>(codec);
    this.name = name;
    Keys keys = Keys.of(name, "list");
    this.key = keys.key();
    this.inflightKey = keys.sub("inflight");
    this.list = redis.client().getList(key, ByteArrayCodec.INSTANCE);
    this.deque = redis.client().getBlockingDeque(key, ByteArrayCodec.INSTANCE);
    this.writeDeque = redis.client().getBlockingDeque(PlainOptions.name(key).codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
    this.writeList = redis.client().getList(PlainOptions.name(key).codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
    this.inflight = redis.client().getMap(MapOptions.<byte[], byte[]>name(inflightKey).codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
    this.keys = List.of(key, inflightKey);
    redis.metrics().gauge("ds.list.size", list::sizeAsync, "name", name);
  }

  // ---- encoding (shared with the blocking view)

  byte[] encode(V value) {
    return values.encode(key, value);
  }

  V decode(byte[] raw) {
    return Objects.requireNonNull(values.decode(key, raw));
  }

  private <T> CompletionStage<T> on(CompletionStage<T> stage) {
    return Redis.on(key, stage);
  }

  private static int checkIndex(int index) {
    if (index < 0) {
      throw new IndexOutOfBoundsException("index out of range: " + index);
    }
    return index;
  }

  /** Returns bytes that no element holds in practice: a NUL-led prefix and 16 random bytes. */
  private static byte[] marker() {
    byte[] m = new byte[MARKER_PREFIX.length + 16];
    System.arraycopy(MARKER_PREFIX, 0, m, 0, MARKER_PREFIX.length);
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    System.arraycopy(random, 0, m, MARKER_PREFIX.length, 16);
    return m;
  }

  // ---- retries

  /** Runs {@code task} after the jittered pause that precedes try {@code attempt + 1}. */
  private static void later(int attempt, Runnable task) {
    long cap = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt, 20));
    long pause = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(task);
  }

  /**
   * Whether {@code e} is a failure on the way to or from Redis (a cut connection, a reply that did
   * not come), after which the command may or may not have run. Redis's own error replies are not.
   */
  private static boolean inTransit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RedisConnectionException || t instanceof RedisTimeoutException || t instanceof RedisRetryException
          || t instanceof RedisReconnectedException || t instanceof RedisNodeNotFoundException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code op} (given the try's number from 0), and again after a jittered pause while it fails
   * in transit, up to {@link #ATTEMPTS} tries. Only for operations that are safe to run twice.
   */
  private static <T> CompletableFuture<T> retrying(IntFunction<CompletionStage<T>> op) {
    CompletableFuture<T> out = new CompletableFuture<>();
    attempt(op, out, 0);
    return out;
  }

  private static <T> void attempt(IntFunction<CompletionStage<T>> op, CompletableFuture<T> out, int n) {
    op.apply(n).whenComplete((v, e) -> {
      if (e == null) {
        out.complete(v);
      } else if (n + 1 < ATTEMPTS && inTransit(e)) {
        later(n, () -> attempt(op, out, n + 1));
      } else {
        out.completeExceptionally(e);
      }
    });
  }

  // ---- by index

  @Override
  public CompletionStage<V> get(int index) {
    checkIndex(index);
    return redis.read("LINDEX", key, list.getAsync(index)).thenApply(raw -> {
      if (raw == null) {
        throw new IndexOutOfBoundsException("index out of range: " + index);
      }
      return decode(raw);
    });
  }

  @Override
  public CompletionStage<V> set(int index, V value) {
    checkIndex(index);
    byte[] bytes = encode(value);
    return atIndex(index, raw -> redis.scripts().run(DsScript.LIST_SET, RScript.ReturnType.LONG, List.of(key), index, bytes, raw));
  }

  /**
   * Reads and decodes the element at {@code index} (so a corrupt one fails before anything is
   * written), then runs {@code write} with it as the expected element; reads again when another
   * writer changed the element in between, in the bounded rounds of {@link BoundedRetry} (jittered
   * pauses, {@link io.dstruct.DsContentionException} past the bound, no new round once the returned
   * stage is cancelled). The stage holds the element that was replaced or removed.
   */
  private CompletionStage<V> atIndex(int index, Function<byte[], CompletionStage<Long>> write) {
    CompletableFuture<V> result = new CompletableFuture<>();
    BoundedRetry.loop(result, key, () -> on(list.getAsync(index)).thenCompose(raw -> {
      if (raw == null) {
        throw new IndexOutOfBoundsException("index out of range: " + index);
      }
      V old = decode(raw);
      return on(write.apply(raw)).thenApply(done -> {
        if (done != null && done == 1L) {
          return BoundedRetry.Round.done(old);
        }
        redis.metrics().conflict("list");
        return BoundedRetry.Round.<V>again();
      });
    }));
    return result;
  }

  @Override
  public CompletionStage<Long> add(int index, V value) {
    checkIndex(index);
    byte[] bytes = encode(value);
    return on(redis.scripts().run(DsScript.LIST_INSERT, RScript.ReturnType.LONG, List.of(key), index, bytes, marker()));
  }

  @Override
  public CompletionStage<V> remove(int index) {
    checkIndex(index);
    return atIndex(index, raw -> redis.scripts().run(DsScript.LIST_REMOVE_AT, RScript.ReturnType.LONG, List.of(key), index, marker(), raw));
  }

  /**
   * Removes {@code raw}, which an iterator read at {@code index}: there if it still is, else the
   * nearest element of the same bytes. The stage holds the index it was removed at, or -1.
   */
  CompletionStage<Integer> removeReturned(int index, byte[] raw) {
    return on(redis.scripts().<Long>run(DsScript.LIST_REMOVE_RETURNED, RScript.ReturnType.LONG, List.of(key), index, marker(), raw))
        .thenApply(at -> at == null ? -1 : at.intValue());
  }

  @Override
  public CompletionStage<Boolean> remove(V value) {
    byte[] bytes = encode(value);
    return on(redis.scripts().send("LREM", false, () -> writeList.removeAsync(bytes, 1)));
  }

  @Override
  public CompletionStage<Integer> indexOf(V value) {
    return indexOf(value, true);
  }

  CompletionStage<Integer> indexOf(V value, boolean first) {
    return on(redis.scripts().<Long>run(DsScript.LIST_INDEX_OF, RScript.ReturnType.LONG, List.of(key), encode(value), first ? "1" : "-1"))
        .thenApply(i -> i == null ? -1 : i.intValue());
  }

  @Override
  public CompletionStage<List<V>> range(int from, int to) {
    return rawRange(from, to).thenApply(raws -> {
      List<V> out = new ArrayList<>(raws.size());
      for (byte[] raw : raws) {
        out.add(decode(raw));
      }
      return out;
    });
  }

  /** Returns the stored bytes of the elements from {@code from} (inclusive) to {@code to} (exclusive). */
  CompletionStage<List<byte[]>> rawRange(int from, int to) {
    checkIndex(from);
    if (to <= from) {
      return CompletableFuture.completedFuture(List.of());
    }
    return redis.read("LRANGE", key, list.rangeAsync(from, to - 1));
  }

  @Override
  public CompletionStage<Integer> size() {
    return redis.read("LLEN", key, list.sizeAsync());
  }

  @Override
  public CompletionStage<Void> clear() {
    return delete();
  }

  @Override
  public CompletionStage<Void> delete() {
    return on(redis.scripts().run(DsScript.LIST_DELETE, RScript.ReturnType.LONG, keys)).thenApply(n -> null);
  }

  // ---- push

  @Override
  public CompletionStage<Long> append(V value) {
    return pushTail(value);
  }

  @Override
  public CompletionStage<Long> pushHead(V value) {
    byte[][] bytes = {encode(value)};
    return on(redis.scripts().send("LPUSH", false, () -> writeDeque.addFirstAsync(bytes))).thenApply(Integer::longValue);
  }

  @Override
  public CompletionStage<Long> pushTail(V value) {
    return pushTailAll(List.of(encode(value)));
  }

  /** Appends many elements with one RPUSH; the stage holds the new length. */
  CompletionStage<Long> pushTailAll(List<byte[]> values) {
    byte[][] bytes = values.toArray(byte[][]::new);
    return on(redis.scripts().send("RPUSH", false, () -> writeDeque.addLastAsync(bytes))).thenApply(Integer::longValue);
  }

  // ---- pops

  /**
   * An element a pop took: its value, the bytes Redis held (which a put-back restores), and the
   * end it came from.
   *
   * @param value the decoded element
   * @param raw the element's bytes as Redis held them
   * @param field the pop's field in the in-flight hash
   * @param head whether it was taken from the head
   * @param <V> the type of the element
   */
  public record Taken<V>(V value, byte[] raw, String field, boolean head) {}

  /**
   * The stage of a pop: it completes with what the pop hands over, or null. {@link #settled()}
   * completes once the pop holds nothing more in Redis: the element handed over or put back.
   *
   * @param <T> what the pop hands over
   */
  public static final class Pop<T> extends CompletableFuture<@Nullable T> {
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    /** Returns a stage that completes when nothing this pop took is left in the in-flight hash. */
    public CompletableFuture<Void> settled() {
      return settled;
    }
  }

  @Override
  public CompletionStage<@Nullable V> pop() {
    return popTail();
  }

  @Override
  public CompletionStage<@Nullable V> popHead() {
    return pop(true, Duration.ZERO, Taken::value);
  }

  @Override
  public CompletionStage<@Nullable V> popTail() {
    return pop(false, Duration.ZERO, Taken::value);
  }

  @Override
  public CompletionStage<@Nullable V> popHead(Duration timeout) {
    return pop(true, Objects.requireNonNull(timeout, "timeout"), Taken::value);
  }

  @Override
  public CompletionStage<@Nullable V> popTail(Duration timeout) {
    return pop(false, Objects.requireNonNull(timeout, "timeout"), Taken::value);
  }

  /**
   * Takes an element from the head or the tail, waiting up to {@code timeout} (zero: not at all;
   * null: for ever), and completes the returned stage with {@code hand} of it, or null. When the
   * stage is cancelled before the element is handed over, the element goes back. The timeout ends a
   * wait, never a handover under way.
   * A caller that receives the element and cannot use it gives it back with {@link #putBack}.
   *
   * @throws io.dstruct.DsInvalidArgumentException if {@code timeout} is negative
   */
  public <T> Pop<T> pop(boolean head, @Nullable Duration timeout, Function<Taken<V>, T> hand) {
    Pop<T> result = new Pop<>();
    long deadline = Long.MAX_VALUE;
    if (timeout != null) {
      Checks.notNegative(timeout, "timeout");
      deadline = System.nanoTime() + timeout.toNanos();
    }
    PopRun<T> run = new PopRun<>(head, timeout == null || !timeout.isZero(), deadline, result, hand);
    if (timeout != null && !timeout.isZero()) {
      CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(run::expire);
    }
    run.take();
    return result;
  }

  /**
   * Pushes back, at the end it came from, an element that a pop handed over but whose receiver could
   * not take it (a Kotlin coroutine cancelled as the element arrived). The stage completes once Redis
   * holds the element again.
   */
  public CompletionStage<Void> putBack(Taken<V> taken) {
    return requeue(taken.field(), taken.head(), true, taken.raw());
  }

  /**
   * The one put-back of every pop: {@code list_requeue} moves the element from the pop's field back
   * to its end ({@code acked} false, safe to repeat), or pushes {@code raw} there ({@code acked}
   * true, once the field is gone). Repeated while it fails in transit.
   */
  private CompletableFuture<Void> requeue(String field, boolean head, boolean acked, byte[] raw) {
    return retrying(n -> on(redis.scripts().run(DsScript.LIST_REQUEUE, RScript.ReturnType.LONG, keys,
        field, head ? "head" : "tail", acked ? "acked" : "inflight", raw))).thenApply(x -> null);
  }

  /** One pop: take, then hand over or put back; the steps run one after another. */
  private final class PopRun<T> {
    private final boolean head;
    private final boolean waits;
    private final long deadline;
    private final Pop<T> result;
    private final Function<Taken<V>, T> hand;
    private final String field;
    /** Whether a step that may hold an element (take, acknowledgement, put-back) is under way. */
    private volatile boolean holding;

    PopRun(boolean head, boolean waits, long deadline, Pop<T> result, Function<Taken<V>, T> hand) {
      this.head = head;
      this.waits = waits;
      this.deadline = deadline;
      this.result = result;
      this.hand = hand;
      byte[] id = new byte[12];
      ThreadLocalRandom.current().nextBytes(id);
      this.field = HexFormat.of().formatHex(id) + (head ? ":head" : ":tail");
      // A caller gone while the pop only waits leaves nothing to settle.
      result.whenComplete((v, e) -> {
        if (!holding) {
          result.settled.complete(null);
        }
      });
    }

    private String side() {
      return head ? "head" : "tail";
    }

    /**
     * Ends the wait at the deadline, unless a step that may hold an element is under way: an element
     * taken before the deadline is handed over (a round trip late) rather than pushed back.
     */
    synchronized void expire() {
      if (!holding) {
        result.complete(null);
      }
    }

    /** Marks the end of a step that may hold an element, settling the pop if its caller is gone. */
    private void release() {
      holding = false;
      if (result.isDone()) {
        result.settled.complete(null);
      }
    }

    /** Takes an element into the pop's field; repeats the same take when its reply is lost. */
    void take() {
      synchronized (this) {
        holding = true;
      }
      if (result.isDone()) {
        release();
        return;
      }
      retrying(n -> redis.scripts().<byte[]>run(DsScript.LIST_TAKE, RScript.ReturnType.VALUE, keys, field, side()))
          .whenComplete((raw, err) -> {
            if (err != null) {
              // The last take may have run: put back whatever the field holds, then fail.
              putBack(false, new byte[0], () -> result.completeExceptionally(Redis.translate(err, key)));
            } else if (raw == null) {
              release();
              await();
            } else {
              handOver(raw);
            }
          });
    }

    /** Waits on the server, one slice at a time, for the list to hold an element, then takes it. */
    private void await() {
      if (result.isDone()) {
        return;
      }
      if (!waits || deadline - System.nanoTime() <= 0) {
        result.complete(null);
        return;
      }
      DequeMoveArgs onto = head ? DequeMoveArgs.pollFirst().addFirstTo(key) : DequeMoveArgs.pollLast().addLastTo(key);
      deque.moveAsync(SLICE, onto).whenComplete((raw, err) -> {
        if (result.isDone()) {
          return;
        }
        if (err != null) {
          result.completeExceptionally(Redis.translate(err, key));
        } else if (raw == null) {
          await();
        } else {
          take();
        }
      });
    }

    /** Hands {@code raw} over: acknowledges it, then completes the caller's stage; else puts it back. */
    private void handOver(byte[] raw) {
      Taken<V> taken;
      try {
        taken = new Taken<>(decode(raw), raw, field, head);
      } catch (DsCodecException e) {
        putBack(false, raw, () -> result.completeExceptionally(e));
        return;
      }
      if (result.isDone()) {
        putBack(false, raw, () -> {});
        return;
      }
      // HDEL of the pop's own field is safe to run twice, so the runtime resends it after a lost reply.
      // Whether it failed or not, the element is delivered rather than risk its loss; a failure means it
      // may stay in the in-flight hash, from where requeueInFlight() brings it back.
      byte[] f = field.getBytes(StandardCharsets.UTF_8);
      Redis.on(inflightKey, redis.scripts().send("HDEL", true, () -> inflight.fastRemoveAsync(f)))
          .whenComplete((removed, err) -> deliver(taken));
    }

    private void deliver(Taken<V> taken) {
      if (result.complete(hand.apply(taken))) {
        release();
      } else {
        putBack(true, taken.raw(), () -> {});
      }
    }

    /** Puts the element back through {@link #requeue}, then runs {@code then} and settles the pop. */
    private void putBack(boolean acked, byte[] raw, Runnable then) {
      requeue(field, head, acked, raw).whenComplete((x, e) -> {
        then.run();
        release();
      });
    }
  }

  // ---- moves

  @Override
  public CompletionStage<@Nullable V> moveHeadTo(DsList<V> target, Duration timeout) {
    Objects.requireNonNull(target, "target");
    Checks.notNegative(timeout, "timeout");
    CompletableFuture<@Nullable V> result = new CompletableFuture<>();
    if (!timeout.isZero()) {
      result.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    move(target.redisKey(), result, System.nanoTime() + timeout.toNanos());
    return result;
  }

  /**
   * One step of a move: LMOVE the head to the tail of the target, and when the list is empty, wait
   * for an element with a BLMOVE of the list onto itself; the element is in one list or the other
   * throughout. An element moved as the caller gives up stays in the target.
   */
  private void move(String targetKey, CompletableFuture<@Nullable V> result, long deadline) {
    if (result.isDone()) {
      return;
    }
    redis.scripts().send("LMOVE", false, () -> writeDeque.moveAsync(DequeMoveArgs.pollFirst().addLastTo(targetKey)))
        .whenComplete((raw, err) -> {
      if (err != null) {
        failMove(targetKey, err, result);
      } else if (raw != null) {
        try {
          result.complete(decode(raw));
        } catch (DsCodecException e) {
          result.completeExceptionally(e);
        }
      } else if (result.isDone() || deadline - System.nanoTime() <= 0) {
        result.complete(null);
      } else {
        deque.moveAsync(SLICE, DequeMoveArgs.pollFirst().addFirstTo(key)).whenComplete((head, e) -> {
          if (e != null) {
            result.completeExceptionally(Redis.translate(e, key));
          } else if (head == null && deadline - System.nanoTime() <= 0) {
            result.complete(null);
          } else {
            move(targetKey, result, deadline);
          }
        });
      }
    });
  }

  /** Fails a move, naming the list that holds another type when that is the cause. */
  private void failMove(String targetKey, Throwable err, CompletableFuture<@Nullable V> result) {
    redis.client().getKeys().getTypeAsync(targetKey).whenComplete((type, e) -> {
      boolean targetIsWrong = e == null && type != null && type != org.redisson.api.RType.LIST;
      result.completeExceptionally(Redis.translate(err, targetIsWrong ? targetKey : key));
    });
  }

  @Override
  public CompletionStage<Integer> requeueInFlight() {
    return on(redis.scripts().<Long>run(DsScript.LIST_REQUEUE_ALL, RScript.ReturnType.LONG, keys))
        .thenApply(n -> n == null ? 0 : n.intValue());
  }
}
