package io.dstruct;

/**
 * A Redis key that holds another type than the structure expects (Redis's WRONGTYPE).
 *
 * <p>For example, a {@link Dict} entry whose key holds a hash. Nothing was written.
 */
public class DsWrongTypeException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The Redis key that holds another type. */
  private final String key;

  /**
   * Creates the exception for {@code key}, with a message that names the key and its type.
   *
   * @param key the Redis key that holds another type
   * @param message the detail message, which names the key and its type
   */
  public DsWrongTypeException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * Returns the Redis key that holds the wrong type.
   *
   * @return the Redis key
   */
  public String key() {
    return key;
  }
}
