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
 * elements, never fail; its {@code remove()} removes the element it returned, never a neighbour.
 *
 * <h2>As a queue</h2>
 * Producers {@link #append} (or {@link #pushHead}); consumers {@link #popHead()} or wait with {@link
 * #popHead(Duration)}. Many consumers may take from one list: each element goes to exactly one. {@link
 * #asBlockingQueue()} gives a FIFO {@link BlockingQueue} view. A waiting pop waits on the server
 * (BLMOVE, one second at a time) and holds a Redis connection of its own from Redisson's pool while it
 * waits, so it never stalls other operations of the same {@link Ds}.
 *
 * <h2>What the queue guarantees: the handoff, not the processing</h2>
 * A pop hands each element from Redis to its caller without losing it. The script {@code list_take}
 * moves the element into the in-flight hash {@code {name}:list:inflight}, under a field of the pop's
 * own; the pop removes that field exactly when it hands the element over, and the caller then has it.
 * If the caller is gone first (a cancelled, interrupted or timed-out wait), or the element does not
 * decode, the pop puts the element back, with the bytes it had, at the end it came from. A reply lost
 * on the way (a cut connection) is repeated: each step is safe to run twice. If the process dies
 * between the take and the handover, the element stays in the in-flight hash, and {@link
 * #requeueInFlight()} moves it back.
 *
 * <p>The guarantee ends at the handoff. Once a pop has returned an element, the element is no longer
 * in Redis: a consumer that crashes while it processes the element loses it. Processing that must
 * survive a crash needs an acknowledgement after the work, which the coming reliable connector
 * provides; until then, record progress yourself or make the work idempotent and re-enqueue.
 *
 * <h2>Errors</h2>
 * Indexes out of range throw {@link IndexOutOfBoundsException}; null elements throw {@link
 * NullPointerException}; a key of another type throws {@link DsWrongTypeException}; an element the
 * codec cannot read throws {@link DsCodecException}. Nothing is written in these cases. {@link
 * #set} and {@link #remove(int)} throw {@link DsContentionException} when other writers changed the
 * element at the index under each of 100 tries (with jittered pauses), having written nothing.
 *
 * <p>Thread-safe. {@code List} and {@code Deque} are kept out of one type, since their methods
 * clash on Java 17; the deque-like operations here are named by the end they act on.
 *
 * @param <V> the type of the elements
 */
public interface DsList<V> extends List<V> {
  /**
   * Returns the name given to {@link Ds#list(String)}.
   *
   * @return the list's name
   */
  String name();

  /**
   * Returns the Redis key of the list, {@code {name}:list}.
   *
   * @return the Redis key of the list
   */
  String redisKey();

  /**
   * Adds {@code value} at the tail and returns the new length (RPUSH), as redis_ds's append does.
   *
   * @param value the element to add, not null
   * @return the length of the list after the add
   */
  long append(V value);

  /**
   * Adds {@code value} at the head and returns the new length (LPUSH).
   *
   * @param value the element to add, not null
   * @return the length of the list after the add
   */
  long pushHead(V value);

  /**
   * Adds {@code value} at the tail and returns the new length (RPUSH); the same as {@link #append}.
   *
   * @param value the element to add, not null
   * @return the length of the list after the add
   */
  long pushTail(V value);

  /**
   * Removes and returns the tail element, or null when the list is empty: redis_ds's {@code pop()}.
   *
   * @return the tail element, or null if the list was empty
   */
  @Nullable V pop();

  /**
   * Removes and returns the head element, or null when the list is empty.
   *
   * @return the head element, or null if the list was empty
   */
  @Nullable V popHead();

  /**
   * Removes and returns the tail element, or null when the list is empty.
   *
   * @return the tail element, or null if the list was empty
   */
  @Nullable V popTail();

  /**
   * Removes and returns the head element, waiting up to {@code timeout} for one; null on timeout.
   *
   * @param timeout how long to wait for an element; zero does not wait
   * @return the head element, or null if none came in time
   * @throws InterruptedException if interrupted while waiting; an element taken meanwhile is back in
   *     the list when this throws
   * @throws DsInvalidArgumentException if {@code timeout} is negative
   */
  @Nullable V popHead(Duration timeout) throws InterruptedException;

  /**
   * Removes and returns the tail element, waiting up to {@code timeout} for one; null on timeout.
   *
   * @param timeout how long to wait for an element; zero does not wait
   * @return the tail element, or null if none came in time
   * @throws InterruptedException if interrupted while waiting; an element taken meanwhile is back in
   *     the list when this throws
   * @throws DsInvalidArgumentException if {@code timeout} is negative
   */
  @Nullable V popTail(Duration timeout) throws InterruptedException;

  /**
   * Moves the head element of this list to the tail of {@code target} atomically (LMOVE), waiting
   * up to {@code timeout} for one, and returns it; null on timeout.
   *
   * <p>The element is in one list or the other at every moment, so a handoff between stages of a
   * pipeline is at-least-once. On Redis Cluster both lists must live in one hash slot, which lists of
   * different names do not; there the server refuses with CROSSSLOT.
   *
   * @param target the list that receives the element
   * @param timeout how long to wait for an element; zero does not wait
   * @return the element moved, or null if none came in time
   * @throws InterruptedException if interrupted while waiting
   */
  @Nullable V moveHeadTo(DsList<V> target, Duration timeout) throws InterruptedException;

  /**
   * Moves every element of the in-flight hash back to the end of this list it was taken from, and
   * returns how many.
   *
   * <p>For recovery after a consumer process died between a pop's take and its handover. Run it when
   * no consumer of this list is popping, or an element being handed over may be delivered twice.
   *
   * @return the number of elements moved back
   * @throws DsWrongTypeException if the list or the in-flight key holds another Redis type; nothing moves
   */
  int requeueInFlight();

  /**
   * Deletes the list and its in-flight hash in one script, so a later {@link #requeueInFlight()}
   * brings nothing back. An element that a pop has taken but not yet handed over is deleted too.
   *
   * @throws DsWrongTypeException if either key holds another Redis type; nothing is deleted
   */
  @Override
  void clear();

  /**
   * Deletes every key of this list, {@code {name}:list} and {@code {name}:list:inflight}: the same as
   * {@link #clear()}, under the name every ds structure uses for it.
   *
   * @throws DsWrongTypeException if either key holds another Redis type; nothing is deleted
   */
  void delete();

  /**
   * Returns a FIFO {@link BlockingQueue} view: {@code offer}/{@code put} add at the tail, {@code
   * poll}/{@code take} remove from the head. The view is unbounded and shares this list's data.
   *
   * @return the blocking queue view of this list
   */
  BlockingQueue<V> asBlockingQueue();

  /**
   * Returns the asynchronous view of this list.
   *
   * @return the asynchronous view of this list
   */
  AsyncDsList<V> async();
}
