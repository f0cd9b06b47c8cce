package io.dstruct.internal;

import io.dstruct.AsyncDsList;
import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import io.dstruct.DsList;
import io.dstruct.scripts.DsScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RBlockingDeque;
import org.redisson.api.RFuture;
import org.redisson.api.RList;
import org.redisson.api.RScript;
import org.redisson.api.queue.DequeMoveArgs;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The operations of a DsList, all asynchronous; {@link DsListImpl} is the blocking view.
 *
 * <p>Pops complete a future of their own rather than Redisson's, so a pop whose caller has gone
 * (cancelled, timed out) can put its element back instead of dropping it. Blocking pops wait in
 * slices of one second with BLMOVE into the in-flight list, so a cancelled wait ends within a second
 * and an element taken meanwhile is requeued by a script.
 */
public final class AsyncDsListImpl<V> implements AsyncDsList<V> {
  /** How long one BLMOVE of a blocking pop waits; Redisson sends whole seconds. */
  private static final Duration SLICE = Duration.ofSeconds(1);
  /** How often the last fraction of a second of a wait polls. */
  private static final Duration POLL_EVERY = Duration.ofMillis(10);
  private static final byte[] MARKER_PREFIX = "\u0000ds-marker:".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  final Redis redis;
  final Encoding<V> values;
  final String name;
  final String key;
  final String inflightKey;
  final RList<byte[]> list;
  final RBlockingDeque<byte[]> deque;
  private final RList<byte[]> inflight;

  AsyncDsListImpl(Redis redis, String name, Codec<V> codec) {
    this.redis = redis;
    this.values = new Encoding<>(codec);
    this.name = name;
    Keys keys = Keys.of(name, "list");
    this.key = keys.key();
    this.inflightKey = keys.sub("inflight");
    this.list = redis.client().getList(key, ByteArrayCodec.INSTANCE);
    this.deque = redis.client().getBlockingDeque(key, ByteArrayCodec.INSTANCE);
    this.inflight = redis.client().getList(inflightKey, ByteArrayCodec.INSTANCE);
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

  // ---- by index

  @Override
  public CompletionStage<V> get(int index) {
    checkIndex(index);
    return on(list.getAsync(index)).thenApply(raw -> {
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
   * writer changed the element in between. The stage holds the element that was replaced or removed.
   */
  private CompletionStage<V> atIndex(int index, java.util.function.Function<byte[], CompletionStage<Long>> write) {
    return on(list.getAsync(index)).thenCompose(raw -> {
      if (raw == null) {
        throw new IndexOutOfBoundsException("index out of range: " + index);
      }
      V old = decode(raw);
      return on(write.apply(raw)).thenCompose(done -> done != null && done == 1L
          ? CompletableFuture.completedFuture(old)
          : atIndex(index, write));
    });
  }

  @Override
  public CompletionStage<Long> insert(int index, V value) {
    checkIndex(index);
    byte[] bytes = encode(value);
    return on(redis.scripts().run(DsScript.LIST_INSERT, RScript.ReturnType.LONG, List.of(key), index, bytes, marker()));
  }

  @Override
  public CompletionStage<V> removeAt(int index) {
    checkIndex(index);
    return atIndex(index, raw -> redis.scripts().run(DsScript.LIST_REMOVE_AT, RScript.ReturnType.LONG, List.of(key), index, marker(), raw));
  }

  @Override
  public CompletionStage<Boolean> remove(V value) {
    return on(list.removeAsync(encode(value), 1));
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
    checkIndex(from);
    if (to <= from) {
      return CompletableFuture.completedFuture(List.of());
    }
    return on(list.rangeAsync(from, to - 1)).thenApply(raws -> {
      List<V> out = new ArrayList<>(raws.size());
      for (byte[] raw : raws) {
        out.add(decode(raw));
      }
      return out;
    });
  }

  @Override
  public CompletionStage<Integer> size() {
    return on(list.sizeAsync());
  }

  @Override
  public CompletionStage<Void> clear() {
    return on(redis.scripts().run(DsScript.DELETE_TYPED, RScript.ReturnType.LONG, List.of(key), "list")).thenApply(n -> null);
  }

  // ---- push

  @Override
  public CompletionStage<Long> append(V value) {
    return pushTail(value);
  }

  @Override
  public CompletionStage<Long> pushHead(V value) {
    return on(deque.addFirstAsync(new byte[][] {encode(value)})).thenApply(Integer::longValue);
  }

  @Override
  public CompletionStage<Long> pushTail(V value) {
    return on(deque.addLastAsync(new byte[][] {encode(value)})).thenApply(Integer::longValue);
  }

  /** Appends many elements with one RPUSH; the stage holds the new length. */
  CompletionStage<Long> pushTailAll(List<byte[]> values) {
    return on(deque.addLastAsync(values.toArray(byte[][]::new))).thenApply(Integer::longValue);
  }

  // ---- pops that do not wait

  @Override
  public CompletionStage<@Nullable V> pop() {
    return popTail();
  }

  @Override
  public CompletionStage<@Nullable V> popHead() {
    return popNow(true);
  }

  @Override
  public CompletionStage<@Nullable V> popTail() {
    return popNow(false);
  }

  /**
   * LPOP or RPOP into a future of our own: when the caller has cancelled it by the time the element
   * arrives, or the element does not decode, the element is pushed back to the end it came from.
   */
  private CompletionStage<@Nullable V> popNow(boolean head) {
    CompletableFuture<@Nullable V> result = new CompletableFuture<>();
    RFuture<byte[]> pop = head ? deque.pollFirstAsync() : deque.pollLastAsync();
    pop.whenComplete((raw, err) -> {
      if (err != null) {
        result.completeExceptionally(Redis.translate(err, key));
      } else if (raw == null) {
        result.complete(null);
      } else {
        deliver(raw, result, () -> pushBack(raw, head));
      }
    });
    return result;
  }

  private void pushBack(byte[] raw, boolean head) {
    byte[][] one = {raw};
    if (head) {
      deque.addFirstAsync(one);
    } else {
      deque.addLastAsync(one);
    }
  }

  /** Hands {@code raw} to {@code result}; if it cannot (cancelled, or not decodable), runs {@code undo}. */
  private boolean deliver(byte[] raw, CompletableFuture<@Nullable V> result, Runnable undo) {
    V value;
    try {
      value = decode(raw);
    } catch (DsCodecException e) {
      undo.run();
      result.completeExceptionally(e);
      return false;
    }
    if (result.complete(value)) {
      return true;
    }
    undo.run();
    return false;
  }

  // ---- pops that wait

  @Override
  public CompletionStage<@Nullable V> popHead(Duration timeout) {
    return popWait(true, Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public CompletionStage<@Nullable V> popTail(Duration timeout) {
    return popWait(false, Objects.requireNonNull(timeout, "timeout"));
  }

  /** A blocking pop that waits up to {@code timeout}, or forever when it is null. */
  CompletionStage<@Nullable V> popWait(boolean head, @Nullable Duration timeout) {
    CompletableFuture<@Nullable V> result = new CompletableFuture<>();
    long deadline = Long.MAX_VALUE;
    if (timeout != null) {
      Checks.notNegative(timeout, "timeout");
      if (!timeout.isZero()) {
        // A zero timeout is one non-blocking pop, which must be allowed to answer.
        result.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      deadline = System.nanoTime() + timeout.toNanos();
    }
    waitStep(head, result, deadline);
    return result;
  }

  /**
   * One step of a waiting pop; every step moves the element into the in-flight list, so that a caller
   * gone meanwhile, or a crash, leaves it in Redis. While a second or more remains, one BLMOVE of a
   * second (Redisson sends whole seconds, and no BLMOVE may outlive the caller's deadline, or it would
   * take an element nobody waits for). For the last fraction of a second, a non-blocking LMOVE every
   * {@link #POLL_EVERY}.
   */
  private void waitStep(boolean head, CompletableFuture<@Nullable V> result, long deadline) {
    if (result.isDone()) {
      return;
    }
    long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    DequeMoveArgs args = (head ? DequeMoveArgs.pollFirst() : DequeMoveArgs.pollLast()).addLastTo(inflightKey);
    boolean blocking = remaining >= SLICE.toNanos();
    RFuture<byte[]> move = blocking ? deque.moveAsync(SLICE, args) : deque.moveAsync(args);
    move.whenComplete((raw, err) -> {
      if (err != null) {
        result.completeExceptionally(Redis.translate(err, key));
      } else if (raw != null) {
        if (deliver(raw, result, () -> requeue(raw, head))) {
          inflight.removeAsync(raw, 1);
        }
      } else if (blocking) {
        waitStep(head, result, deadline);
      } else if (deadline - System.nanoTime() <= 0) {
        result.complete(null);
      } else {
        long pause = Math.min(POLL_EVERY.toNanos(), Math.max(0, deadline - System.nanoTime()));
        CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS).execute(() -> waitStep(head, result, deadline));
      }
    });
  }

  /** Moves {@code raw} from the in-flight list back to the end of the list it came from. */
  private void requeue(byte[] raw, boolean head) {
    redis.scripts().run(DsScript.LIST_REQUEUE, RScript.ReturnType.LONG, List.of(key, inflightKey), raw, head ? "head" : "tail");
  }

  @Override
  public CompletionStage<@Nullable V> moveHeadTo(DsList<V> target, Duration timeout) {
    Objects.requireNonNull(target, "target");
    Checks.notNegative(timeout, "timeout");
    CompletableFuture<@Nullable V> result = new CompletableFuture<>();
    if (!timeout.isZero()) {
      result.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    moveStep(target.redisKey(), result, System.nanoTime() + timeout.toNanos());
    return result;
  }

  /**
   * One step of a move, sliced as {@link #waitStep} is (BLMOVE while a second remains, then LMOVE
   * polls); the element is in one list or the other throughout.
   */
  private void moveStep(String targetKey, CompletableFuture<@Nullable V> result, long deadline) {
    if (result.isDone()) {
      return;
    }
    long remaining = deadline - System.nanoTime();
    DequeMoveArgs args = DequeMoveArgs.pollFirst().addLastTo(targetKey);
    RFuture<byte[]> move = remaining >= SLICE.toNanos() ? deque.moveAsync(SLICE, args) : deque.moveAsync(args);
    move.whenComplete((raw, err) -> {
      if (err != null) {
        failMove(targetKey, err, result);
      } else if (raw != null) {
        try {
          result.complete(decode(raw));
        } catch (DsCodecException e) {
          result.completeExceptionally(e);
        }
      } else if (deadline - System.nanoTime() <= 0) {
        result.complete(null);
      } else if (remaining >= SLICE.toNanos()) {
        moveStep(targetKey, result, deadline);
      } else {
        CompletableFuture.delayedExecutor(POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> moveStep(targetKey, result, deadline));
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
    return on(redis.scripts().<Long>run(DsScript.LIST_REQUEUE_ALL, RScript.ReturnType.LONG, List.of(key, inflightKey)))
        .thenApply(n -> n == null ? 0 : n.intValue());
  }
}
