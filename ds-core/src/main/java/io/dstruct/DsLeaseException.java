package io.dstruct;

/**
 * An answer to a {@link Delivery} ({@code ack}, {@code nack}, {@code reject}, {@code extend}, {@code release})
 * that was refused because the delivery no longer holds the message's lease; nothing was written.
 *
 * <p>{@link #reason()} says why. A refused answer never touches the lease of another delivery: once a lease
 * ran out and the message went to another receiver, only that receiver's delivery can settle it.
 */
public class DsLeaseException extends DsException {
  private static final long serialVersionUID = 1L;

  /** Why a delivery no longer holds its lease. */
  public enum Reason {
    /** This delivery was already answered (acked, nacked, rejected or released). */
    SETTLED,
    /**
     * The message is no longer leased to this delivery: its lease ran out and the message was given back, to be
     * delivered again (or already delivered to another receiver), or it went to the dead letters, or another
     * process answered it, or the connector was deleted.
     */
    NOT_LEASED
  }

  /** The connector's name. */
  private final String connector;
  /** The message's stream id. */
  private final String messageId;
  /** Why the delivery no longer holds the lease. */
  private final Reason reason;

  /**
   * Creates the exception for the message {@code messageId} of the connector {@code connector}.
   *
   * @param connector the name of the connector that received the message
   * @param messageId the message id, as {@link Delivery#id()}
   * @param reason why the delivery no longer holds the lease
   * @param message the detail message
   */
  public DsLeaseException(String connector, String messageId, Reason reason, String message) {
    super(message);
    this.connector = connector;
    this.messageId = messageId;
    this.reason = reason;
  }

  /**
   * Returns the name of the connector that received the message.
   *
   * @return the connector's name
   */
  public String connector() {
    return connector;
  }

  /**
   * Returns the message's id.
   *
   * @return the message id, as {@link Delivery#id()}
   */
  public String messageId() {
    return messageId;
  }

  /**
   * Returns why the delivery no longer holds its lease.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
