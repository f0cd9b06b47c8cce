package io.dstruct;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of a {@link Counter}.
 *
 * <p>Cancelling a stage does not recall a command already sent: the step happened or it did not.
 */
public interface AsyncCounter {
  /** Returns the current value. */
  CompletionStage<Long> get();

  /** Adds one and returns the new value. */
  CompletionStage<Long> next();

  /** Adds {@code delta} and returns the new value. */
  CompletionStage<Long> next(long delta);

  /** Sets the value. */
  CompletionStage<Void> reset(long value);

  /** Deletes the counter's key; the stage holds whether it existed, or fails with {@link DsWrongTypeException}. */
  CompletionStage<Boolean> delete();
}
