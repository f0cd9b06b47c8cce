package io.dstruct.scripts;

/**
 * A script or command that {@link ScriptRunner} could not deliver with a known outcome.
 *
 * <p>{@link #sent()} tells the two cases apart. When it is {@code false}, no attempt reached Redis
 * (every connection or write failed, or the server refused the command unrun) until the runner's
 * deadline passed: nothing was written. When it is {@code true}, an attempt was sent and its reply
 * was lost (a response timeout, a connection cut while waiting): the write may or may not have
 * happened. ds-core translates it into its typed exceptions; users of ds-core never see this class.
 */
public final class DeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The script's file name or the command's name. */
  private final String operation;
  /** Whether an attempt may have reached Redis. */
  private final boolean sent;

  /**
   * Creates the exception for {@code operation} (a script's file name or a command's name).
   *
   * @param operation the script's file name or the command's name
   * @param sent whether an attempt may have reached Redis
   * @param message the detail message
   * @param cause the failure of the last attempt
   */
  public DeliveryException(String operation, boolean sent, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.sent = sent;
  }

  /**
   * Returns the script's file name, such as {@code dict_set}, or the command, such as {@code DEL}.
   *
   * @return the operation's name
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns whether an attempt may have reached Redis, so that the write may have happened.
   *
   * @return true if the write may have happened, false if nothing was written
   */
  public boolean sent() {
    return sent;
  }
}
