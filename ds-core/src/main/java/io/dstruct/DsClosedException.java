package io.dstruct;

/**
 * A {@link Ds} was used after {@link Ds#close()}: its message is {@code Ds is closed}.
 *
 * <p>Thrown by the factories of a closed Ds ({@link Ds#dict(String)}, {@link Ds#list(String)}, ...)
 * and by operations on structures of a closed Ds whose Redisson client it had created. Nothing was
 * sent to Redis.
 */
public class DsClosedException extends DsException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; its message is {@code Ds is closed}. */
  public DsClosedException() {
    super("Ds is closed");
  }
}
