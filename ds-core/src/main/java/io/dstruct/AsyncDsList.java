package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link DsList}: its operations, each returning a {@link CompletionStage}.
 *
 * <p>Semantics, errors and guarantees are those of {@link DsList}, and each operation has the name
 * of its blocking twin ({@code add(index, v)}, {@code remove(index)}). A pop guarantees the handoff
 * from Redis to whoever completes its stage, not the processing that follows: see {@link DsList}.
 * Cancelling the stage of a pop never loses an element: if Redis already removed it, it goes back to
 * the end it came from, with the bytes it had. A waiting pop whose stage is cancelled frees its
 * connection within a second.
 *
 * @param <V> the type of the elements
 */
public interface AsyncDsList<V> {
  /**
   * Returns the element at {@code index}; fails with {@link IndexOutOfBoundsException} when out of range.
   *
   * @param index the index, from 0 (the head)
   * @return a stage of the element at {@code index}
   */
  CompletionStage<V> get(int index);

  /**
   * Replaces the element at {@code index} and returns the one it replaced. Fails with {@link
   * DsContentionException} when other writers changed that element under each of 100 tries;
   * cancelling the stage stops the tries.
   *
   * @param index the index, from 0 (the head)
   * @param value the new element, not null
   * @return a stage of the element that was replaced
   */
  CompletionStage<V> set(int index, V value);

  /**
   * Inserts {@code value} at {@code index} (the size appends) and returns the new size; {@link
   * DsList#add(int, Object)}.
   *
   * @param index where to insert, from 0 to the size
   * @param value the element to insert, not null
   * @return a stage of the length of the list after the insert
   */
  CompletionStage<Long> add(int index, V value);

  /**
   * Removes the element at {@code index} and returns it; {@link DsList#remove(int)}. Fails as {@link
   * #set} does when other writers keep changing that element.
   *
   * @param index the index, from 0 (the head)
   * @return a stage of the element removed
   */
  CompletionStage<V> remove(int index);

  /**
   * Removes the first occurrence of {@code value}; returns whether there was one.
   *
   * @param value the element to remove
   * @return a stage of whether the list held it
   */
  CompletionStage<Boolean> remove(V value);

  /**
   * Returns the index of the first occurrence of {@code value}, or -1.
   *
   * @param value the element to look for
   * @return a stage of its first index, or of -1 if the list does not hold it
   */
  CompletionStage<Integer> indexOf(V value);

  /**
   * Returns the elements from {@code from} (inclusive) to {@code to} (exclusive), clipped to the list.
   *
   * @param from the index of the first element, inclusive
   * @param to the index after the last element, exclusive
   * @return a stage of the elements in that range, head first
   */
  CompletionStage<List<V>> range(int from, int to);

  /**
   * Returns the length of the list (LLEN).
   *
   * @return a stage of the number of elements
   */
  CompletionStage<Integer> size();

  /**
   * Deletes the list and its in-flight hash; see {@link DsList#clear()}.
   *
   * @return a stage that completes when both keys are deleted
   */
  CompletionStage<Void> clear();

  /**
   * Deletes every key of the list; see {@link DsList#delete()}.
   *
   * @return a stage that completes when every key is deleted
   */
  CompletionStage<Void> delete();

  /**
   * Adds at the tail and returns the new length.
   *
   * @param value the element to add, not null
   * @return a stage of the length of the list after the add
   */
  CompletionStage<Long> append(V value);

  /**
   * Adds at the head and returns the new length.
   *
   * @param value the element to add, not null
   * @return a stage of the length of the list after the add
   */
  CompletionStage<Long> pushHead(V value);

  /**
   * Adds at the tail and returns the new length.
   *
   * @param value the element to add, not null
   * @return a stage of the length of the list after the add
   */
  CompletionStage<Long> pushTail(V value);

  /**
   * Removes and returns the tail element, or null.
   *
   * @return a stage of the tail element, or of null if the list was empty
   */
  CompletionStage<@Nullable V> pop();

  /**
   * Removes and returns the head element, or null.
   *
   * @return a stage of the head element, or of null if the list was empty
   */
  CompletionStage<@Nullable V> popHead();

  /**
   * Removes and returns the tail element, or null.
   *
   * @return a stage of the tail element, or of null if the list was empty
   */
  CompletionStage<@Nullable V> popTail();

  /**
   * Removes and returns the head element, waiting up to {@code timeout}; null on timeout.
   *
   * @param timeout how long to wait for an element; zero does not wait
   * @return a stage of the head element, or of null if none came in time
   */
  CompletionStage<@Nullable V> popHead(Duration timeout);

  /**
   * Removes and returns the tail element, waiting up to {@code timeout}; null on timeout.
   *
   * @param timeout how long to wait for an element; zero does not wait
   * @return a stage of the tail element, or of null if none came in time
   */
  CompletionStage<@Nullable V> popTail(Duration timeout);

  /**
   * Moves the head element to the tail of {@code target} atomically, waiting up to {@code timeout}.
   *
   * @param target the list that receives the element
   * @param timeout how long to wait for an element; zero does not wait
   * @return a stage of the element moved, or of null if none came in time
   */
  CompletionStage<@Nullable V> moveHeadTo(DsList<V> target, Duration timeout);

  /**
   * Moves every in-flight element back to the end it came from; returns how many. See {@link DsList#requeueInFlight()}.
   *
   * @return a stage of the number of elements moved back
   */
  CompletionStage<Integer> requeueInFlight();
}
