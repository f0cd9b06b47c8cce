package io.dstruct;

/**
 * Redis could not be reached, or refused the connection, when a {@link Ds} connected.
 *
 * <p>The message is one line that names where ds tried to connect, with any password replaced by
 * {@code ***}, for example {@code cannot connect to Redis at redis://127.0.0.1:6379/3: ...}; {@link
 * #getCause()} is Redisson's exception with the details. A database number the server does not have
 * ({@code redis://host:6379/99} against 16 databases) is reported the same way.
 */
public class DsConnectionException extends DsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a one-line message and the underlying failure.
   *
   * @param message a one-line description of the failure
   * @param cause the underlying failure
   */
  public DsConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
