package io.dstruct;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of an {@link IdGenerator}: an already-completed stage when the current block
 * has ids left, else a stage that completes when the next block arrives.
 */
public interface AsyncIdGenerator {
  /**
   * Returns a new id.
   *
   * @return a stage of the new id
   */
  CompletionStage<Long> nextId();

  /**
   * Returns {@code n} new ids as one contiguous range.
   *
   * @param n how many ids, at least 1
   * @return a stage of the range of {@code n} new ids
   */
  CompletionStage<IdRange> nextIds(int n);

  /**
   * Deletes the generator's counter; the stage holds whether it existed, as {@link IdGenerator#delete()}.
   *
   * @return a stage of whether the counter existed
   */
  CompletionStage<Boolean> delete();
}
