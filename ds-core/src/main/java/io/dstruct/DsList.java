package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * A Redis list seen as a {@link List}, that doubles as a work queue shared by many processes.
 *
 * <p>Get one from {@link Ds#list(String)}. The list {@code jobs} is the Redis key {@code {jobs}:list};
 * index 0 is the head. Each operation is one command or one Lua script, so it is atomic. Iteration
 * reads LRANGE pages of 500 and is weakly consistent: with concurrent writers, it may miss or repeat
 * elements, never fail.
 *
 * <h2>As a queue</h2>
 * Producers {@link #append} (or {@link #pushHead}); consumers {@link #popHead()} or wait with {@link
 * #popHead(Duration)}. Many consumers may take from one list: each element goes to exactly one. {@link
 * #asBlockingQueue()} gives a FIFO {@link BlockingQueue} view. A waiting pop holds a Redis connection of
 * its own from Redisson's pool for the time it waits, so it never stalls other operations of the same
 * {@link Ds}.
 *
 * <h2>No element is lost to a cancelled wait</h2>
 * A blocking pop moves the element atomically (BLMOVE) into the in-flight list {@code
 * {name}:list:inflight} before handing it over, and takes it out of there once delivered. If the wait
 * is cancelled, interrupted or times out in between, the element is moved back to the end it came
 * from. If the process dies in between, the element stays in the in-flight list, and {@link
 * #requeueInFlight()} moves it back: nothing is lost, at the price of a possible second delivery.
 *
 * <h2>Errors</h2>
 * Indexes out of range throw {@link IndexOutOfBoundsException}; null elements throw {@link
 * NullPointerException}; a key of another type throws {@link DsWrongTypeException}; an element the
 * codec cannot read throws {@link DsCodecException}. Nothing is written in these cases.
 *
 * <p>Thread-safe. {@code List} and {@code Deque} are kept out of one type, since their methods
 * clash on Java 17; the deque-like operations here are named by the end they act on.
 *
 * @param <V> the type of the elements
 */
public interface DsList<V> extends List<V> {
  /** Returns the name given to {@link Ds#list(String)}. */
  String name();

  /** Returns the Redis key of the list, {@code {name}:list}. */
  String redisKey();

  /** Adds {@code value} at the tail and returns the new length (RPUSH), as redis_ds's append does. */
  long append(V value);

  /** Adds {@code value} at the head and returns the new length (LPUSH). */
  long pushHead(V value);

  /** Adds {@code value} at the tail and returns the new length (RPUSH); the same as {@link #append}. */
  long pushTail(V value);

  /** Removes and returns the tail element, or null when the list is empty: redis_ds's {@code pop()}. */
  @Nullable V pop();

  /** Removes and returns the head element, or null when the list is empty. */
  @Nullable V popHead();

  /** Removes and returns the tail element, or null when the list is empty. */
  @Nullable V popTail();

  /**
   * Removes and returns the head element, waiting up to {@code timeout} for one; null on timeout.
   *
   * @throws InterruptedException if interrupted while waiting; an element taken meanwhile goes back
   * @throws DsInvalidArgumentException if {@code timeout} is negative
   */
  @Nullable V popHead(Duration timeout) throws InterruptedException;

  /**
   * Removes and returns the tail element, waiting up to {@code timeout} for one; null on timeout.
   *
   * @throws InterruptedException if interrupted while waiting; an element taken meanwhile goes back
   * @throws DsInvalidArgumentException if {@code timeout} is negative
   */
  @Nullable V popTail(Duration timeout) throws InterruptedException;

  /**
   * Moves the head element of this list to the tail of {@code target} atomically, waiting up to
   * {@code timeout} for one (BLMOVE), and returns it; null on timeout.
   *
   * <p>The element is in one list or the other at every moment, so a handoff between stages of a
   * pipeline is at-least-once. On Redis Cluster both lists must live in one hash slot, which lists of
   * different names do not; there the server refuses with CROSSSLOT.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Nullable V moveHeadTo(DsList<V> target, Duration timeout) throws InterruptedException;

  /**
   * Moves every element of the in-flight list back to the head of this list and returns how many.
   *
   * <p>For recovery after a consumer process died between a blocking pop and its delivery. Run it
   * when no consumer of this list is waiting, or an element being delivered may be delivered twice.
   */
  int requeueInFlight();

  /**
   * Returns a FIFO {@link BlockingQueue} view: {@code offer}/{@code put} add at the tail, {@code
   * poll}/{@code take} remove from the head. The view is unbounded and shares this list's data.
   */
  BlockingQueue<V> asBlockingQueue();

  /** Returns the asynchronous view of this list. */
  AsyncDsList<V> async();
}
