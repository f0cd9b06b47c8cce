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

  /** Creates the exception for the message {@code messageId} of the connector {@code connector}. */
  public DsLeaseException(String connector, String messageId, Reason reason, String message) {
    super(message);
    this.connector = connector;
    this.messageId = messageId;
    this.reason = reason;
  }

  /** Returns the name of the connector that received the message. */
  public String connector() {
    return connector;
  }

  /** Returns the message's id. */
  public String messageId() {
    return messageId;
  }

  /** Returns why the delivery no longer holds its lease. */
  public Reason reason() {
    return reason;
  }
}
