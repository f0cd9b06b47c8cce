package io.dstruct;

import org.jspecify.annotations.Nullable;

/**
 * A write that may or may not have happened: it reached Redis, or may have, and its reply was lost.
 *
 * <p>Thrown when a response timed out or a connection was cut while ds waited for the reply of an
 * operation that is not safe to run twice (a {@code put}, {@code merge}, {@code putIfAbsent}, ...).
 * ds never sends such an operation again itself, so it ran once or not at all. Read the data to find
 * out which, or make the operation safe to repeat in your own code. Operations that are safe to run
 * twice (reads, idempotent scripts) are sent again instead, and fail with this exception only when
 * every reply was lost until ds's deadline. {@link #key()} and {@link #operation()} say what was
 * written; {@code getCause()} is Redisson's exception.
 */
public class DsOutcomeUnknownException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The Redis key (or namespace pattern or hash key) that was written. */
  private final String key;
  /** The operation whose outcome is unknown: a script's file name or a command. */
  private final String operation;

  /**
   * Creates the exception for {@code operation} (a script such as {@code dict_set}, or a command) on {@code key}.
   *
   * @param key the Redis key (or namespace pattern or hash key) that was written
   * @param operation the script's file name or the command
   * @param cause the failure that lost the reply, or null
   */
  public DsOutcomeUnknownException(String key, String operation, @Nullable Throwable cause) {
    super(operation + " on '" + key + "' may or may not have been applied: its reply was lost", cause);
    this.key = key;
    this.operation = operation;
  }

  /**
   * Returns the Redis key (or, for a batch, the namespace pattern or hash key) that was written.
   *
   * @return the key that was written
   */
  public String key() {
    return key;
  }

  /**
   * Returns the operation whose outcome is unknown: a script's file name, such as {@code dict_compare_and_set}, or a command.
   *
   * @return the script's file name or the command
   */
  public String operation() {
    return operation;
  }
}
