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
  /**
   * Counts {@code id} now. See {@link BitmapCounter#add(long)}.
   *
   * @param id the id to count, from 0 to the counter's largest id
   * @return a stage of whether {@code id} was new in at least one slot
   */
  CompletionStage<Boolean> add(long id);

  /**
   * Counts {@code id} at {@code at}. See {@link BitmapCounter#add(long, Instant)}.
   *
   * @param id the id to count, from 0 to the counter's largest id
   * @param at the instant whose slots count it
   * @return a stage of whether {@code id} was new in at least one slot
   */
  CompletionStage<Boolean> add(long id, Instant at);

  /**
   * Counts all {@code ids} now. See {@link BitmapCounter#addAll(long[])}.
   *
   * @param ids the ids to count; at most {@link BitmapCounter#MAX_BATCH}
   * @return a stage of how many distinct ids were new in at least one slot
   */
  CompletionStage<Integer> addAll(long[] ids);

  /**
   * Counts all {@code ids} at {@code at}. See {@link BitmapCounter#addAll(long[], Instant)}.
   *
   * @param ids the ids to count; at most {@link BitmapCounter#MAX_BATCH}
   * @param at the instant whose slots count them
   * @return a stage of how many distinct ids were new in at least one slot
   */
  CompletionStage<Integer> addAll(long[] ids, Instant at);

  /**
   * Returns the count of the current slot. See {@link BitmapCounter#count(Resolution)}.
   *
   * @param resolution one of the counter's resolutions
   * @return a stage of the number of distinct ids in the current slot
   */
  CompletionStage<Long> count(Resolution resolution);

  /**
   * Returns the count of the slot that holds {@code at}. See {@link BitmapCounter#count(Resolution, Instant)}.
   *
   * @param resolution one of the counter's resolutions
   * @param at an instant in the slot to count
   * @return a stage of the number of distinct ids in that slot
   */
  CompletionStage<Long> count(Resolution resolution, Instant at);

  /**
   * Returns whether {@code id} is in the current slot. See {@link BitmapCounter#contains(long, Resolution)}.
   *
   * @param id the id to look for
   * @param resolution one of the counter's resolutions
   * @return a stage of whether {@code id} was counted in the current slot
   */
  CompletionStage<Boolean> contains(long id, Resolution resolution);

  /**
   * Returns whether {@code id} is in the slot that holds {@code at}. See {@link BitmapCounter#contains(long, Resolution, Instant)}.
   *
   * @param id the id to look for
   * @param resolution one of the counter's resolutions
   * @param at an instant in the slot to look in
   * @return a stage of whether {@code id} was counted in that slot
   */
  CompletionStage<Boolean> contains(long id, Resolution resolution, Instant at);

  /**
   * Returns the number of distinct ids over a range of slots. See {@link BitmapCounter#countUnion}.
   *
   * @param resolution one of the counter's resolutions
   * @param from an instant in the first slot
   * @param to an instant in the last slot, not before {@code from}
   * @return a stage of the number of distinct ids in at least one of the slots
   */
  CompletionStage<Long> countUnion(Resolution resolution, Instant from, Instant to);

  /**
   * Returns the number of ids present in every slot of a range. See {@link BitmapCounter#countIntersection}.
   *
   * @param resolution one of the counter's resolutions
   * @param from an instant in the first slot
   * @param to an instant in the last slot, not before {@code from}
   * @return a stage of the number of ids present in all of the slots
   */
  CompletionStage<Long> countIntersection(Resolution resolution, Instant from, Instant to);

  /**
   * Returns a retention row. See {@link BitmapCounter#cohort}.
   *
   * @param resolution one of the counter's resolutions
   * @param start an instant in the first slot, whose ids make the cohort
   * @param n the number of slots, from 1 to {@link BitmapCounter#MAX_SLOTS}
   * @return a stage of the {@code n} counts of the row
   */
  CompletionStage<List<Long>> cohort(Resolution resolution, Instant start, int n);

  /**
   * Builds a coarse slot from its fine slots. See {@link BitmapCounter#rollup}.
   *
   * @param fine the resolution to read
   * @param coarse the resolution to build, that {@code fine} nests in
   * @param at an instant in the coarse slot to build
   * @return a stage of the count of the coarse slot after the rollup
   */
  CompletionStage<Long> rollup(Resolution fine, Resolution coarse, Instant at);

  /**
   * Deletes every key of the counter. See {@link BitmapCounter#delete}.
   *
   * @return a stage of whether any key of the counter existed
   */
  CompletionStage<Boolean> delete();
}
