package io.dstruct;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception that ds throws.
 *
 * <p>All ds exceptions are unchecked. A subclass says what went wrong: {@link DsCodecException},
 * {@link DsWrongTypeException}, {@link DsScriptException}, {@link DsInvalidArgumentException}, {@link
 * DsConnectionException} and {@link DsClosedException}.
 * Anything else (a lost connection, a timeout) arrives as a plain {@code DsException} whose cause is
 * the Redisson exception.
 */
public class DsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message the detail message
   * @param cause the underlying failure, or null
   */
  public DsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message
   */
  public DsException(String message) {
    super(message);
  }
}
