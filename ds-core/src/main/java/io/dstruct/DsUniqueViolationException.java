package io.dstruct;

/**
 * A write to an {@link ObjectStore} that would give a {@link Unique} value to a second object; nothing was
 * written.
 *
 * <p>{@link #field()} names the property, {@link #value()} the value as stored, and {@link #holderId()} the
 * id of the object that holds it.
 */
public class DsUniqueViolationException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The unique property. */
  private final String field;
  /** The value, as stored in Redis. */
  private final String value;
  /** The id of the object that holds the value. */
  private final String holderId;

  /**
   * Creates the exception for {@code value} of {@code field}, which the object {@code holderId} holds.
   *
   * @param field the unique property
   * @param value the value, as stored in Redis
   * @param holderId the id of the object that holds the value
   */
  public DsUniqueViolationException(String field, String value, String holderId) {
    super("unique field '" + field + "' already holds '" + value + "' for the object " + holderId
        + "; nothing was written");
    this.field = field;
    this.value = value;
    this.holderId = holderId;
  }

  /**
   * Returns the unique property.
   *
   * @return the name of the unique property
   */
  public String field() {
    return field;
  }

  /**
   * Returns the value, as stored in Redis.
   *
   * @return the value, as stored in Redis
   */
  public String value() {
    return value;
  }

  /**
   * Returns the id of the object that holds the value, as stored in Redis.
   *
   * @return the id of the holder, as stored in Redis
   */
  public String holderId() {
    return holderId;
  }
}
