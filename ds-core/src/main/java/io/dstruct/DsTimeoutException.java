package io.dstruct;

/**
 * A wait that ended without its result: a {@link Connector#request(String, Object, java.time.Duration)} whose
 * reply did not come within its timeout.
 *
 * <p>The request message itself was sent and stays in the receiver's inbox; a reply that comes later is counted
 * as late and dropped ({@link ConnectorStats#lateReplies()}), never given to another request.
 */
public class DsTimeoutException extends DsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that says what was waited for.
   *
   * @param message what was waited for
   */
  public DsTimeoutException(String message) {
    super(message);
  }
}
