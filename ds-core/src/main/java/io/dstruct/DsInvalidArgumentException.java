package io.dstruct;

/**
 * An argument that ds rejected before sending anything to Redis, so nothing was written.
 *
 * <p>Examples: an empty namespace, a negative TTL, a value longer than Redis's 512 MB string limit.
 * A null key or value is reported as a {@link NullPointerException}, as the {@code java.util}
 * contracts require.
 */
public class DsInvalidArgumentException extends DsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that says which argument is wrong and why.
   *
   * @param message which argument is wrong and why
   */
  public DsInvalidArgumentException(String message) {
    super(message);
  }
}
