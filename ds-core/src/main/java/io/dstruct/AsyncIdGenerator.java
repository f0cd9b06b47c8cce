package io.dstruct;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of an {@link IdGenerator}: an already-completed stage when the current block
 * has ids left, else a stage that completes when the next block arrives.
 */
public interface AsyncIdGenerator {
  /** Returns a new id. */
  CompletionStage<Long> nextId();

  /** Returns {@code n} new ids as one contiguous range. */
  CompletionStage<IdRange> nextIds(int n);

  /** Deletes the generator's counter; the stage holds whether it existed, as {@link IdGenerator#delete()}. */
  CompletionStage<Boolean> delete();
}
