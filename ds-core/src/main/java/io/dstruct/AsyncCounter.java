package io.dstruct;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of a {@link Counter}.
 *
 * <p>Cancelling a stage does not recall a command already sent: the step happened or it did not.
 */
public interface AsyncCounter {
  /**
   * Returns the current value.
   *
   * @return a stage of the current value, or of the seed if the counter does not exist
   */
  CompletionStage<Long> get();

  /**
   * Adds one and returns the new value.
   *
   * @return a stage of the value after the step
   */
  CompletionStage<Long> next();

  /**
   * Adds {@code delta} and returns the new value.
   *
   * @param delta the amount to add, which may be negative
   * @return a stage of the value after the step
   */
  CompletionStage<Long> next(long delta);

  /**
   * Sets the value.
   *
   * @param value the new value
   * @return a stage that completes when the value is set
   */
  CompletionStage<Void> reset(long value);

  /**
   * Deletes the counter's key; the stage holds whether it existed, or fails with {@link DsWrongTypeException}.
   *
   * @return a stage of whether the key existed
   */
  CompletionStage<Boolean> delete();
}
