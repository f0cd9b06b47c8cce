package io.dstruct.scripts;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ScriptRunner} tells about its calls, for metrics: each call's end, each script reload and each
 * resend.
 *
 * <p>The methods run on the thread that completed the attempt, often one of Redisson's I/O threads: they must be
 * quick and must not block. The defaults do nothing.
 */
public interface RunnerListener {
  /** The listener that hears nothing; the runner then reads no clock. */
  RunnerListener NONE = new RunnerListener() {};

  /**
   * A call ended.
   *
   * @param operation the script's file name without {@code .lua} (such as {@code dict_set}), or the command's
   *     name (such as {@code GET})
   * @param script whether the call ran a script
   * @param nanos the time from the call's start to its end, resends included
   * @param failure what it failed with, or null; a {@link DeliveryException} whose {@link DeliveryException#sent()}
   *     is true is an outcome unknown
   */
  default void ended(String operation, boolean script, long nanos, @Nullable Throwable failure) {}

  /**
   * The server did not have the script {@code operation} (NOSCRIPT), so the runner sends its text.
   *
   * @param operation the script's file name without {@code .lua}
   */
  default void reloaded(String operation) {}

  /**
   * The call {@code operation} failed for the {@code failures}-th time and is sent again.
   *
   * @param operation the script's file name or the command's name
   * @param failures how many attempts of the call have failed so far, from 1
   */
  default void retried(String operation, int failures) {}
}
