package io.dstruct;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of a {@link BitmapCounter}: the same operations, each returning a {@link
 * CompletionStage} instead of blocking.
 *
 * <p>Semantics and errors are those of {@link BitmapCounter}. Argument errors are thrown at once, before
 * anything is sent; Redis errors arrive as the failure of the stage. Stages complete on a Redisson I/O
 * thread, so dependent stages should not block.
 *
 * <p>Cancelling a stage does not recall a command already sent: the script then ran whole or not at
 * all, never half-way.
 */
public interface AsyncBitmapCounter {
  /** Counts {@code id} now. See {@link BitmapCounter#add(long)}. */
  CompletionStage<Boolean> add(long id);

  /** Counts {@code id} at {@code at}. See {@link BitmapCounter#add(long, Instant)}. */
  CompletionStage<Boolean> add(long id, Instant at);

  /** Counts all {@code ids} now. See {@link BitmapCounter#addAll(long[])}. */
  CompletionStage<Integer> addAll(long[] ids);

  /** Counts all {@code ids} at {@code at}. See {@link BitmapCounter#addAll(long[], Instant)}. */
  CompletionStage<Integer> addAll(long[] ids, Instant at);

  /** Returns the count of the current slot. See {@link BitmapCounter#count(Resolution)}. */
  CompletionStage<Long> count(Resolution resolution);

  /** Returns the count of the slot that holds {@code at}. See {@link BitmapCounter#count(Resolution, Instant)}. */
  CompletionStage<Long> count(Resolution resolution, Instant at);

  /** Returns whether {@code id} is in the current slot. See {@link BitmapCounter#contains(long, Resolution)}. */
  CompletionStage<Boolean> contains(long id, Resolution resolution);

  /** Returns whether {@code id} is in the slot that holds {@code at}. See {@link BitmapCounter#contains(long, Resolution, Instant)}. */
  CompletionStage<Boolean> contains(long id, Resolution resolution, Instant at);

  /** Returns the number of distinct ids over a range of slots. See {@link BitmapCounter#countUnion}. */
  CompletionStage<Long> countUnion(Resolution resolution, Instant from, Instant to);

  /** Returns the number of ids present in every slot of a range. See {@link BitmapCounter#countIntersection}. */
  CompletionStage<Long> countIntersection(Resolution resolution, Instant from, Instant to);

  /** Returns a retention row. See {@link BitmapCounter#cohort}. */
  CompletionStage<List<Long>> cohort(Resolution resolution, Instant start, int n);

  /** Builds a coarse slot from its fine slots. See {@link BitmapCounter#rollup}. */
  CompletionStage<Long> rollup(Resolution fine, Resolution coarse, Instant at);

  /** Deletes every key of the counter. See {@link BitmapCounter#delete}. */
  CompletionStage<Boolean> delete();
}
