package io.dstruct;

/**
 * A write to an {@link ObjectStore} that found the object in another state than it required: an insert of
 * an id that exists, or a save whose {@link Version} is not the stored one; nothing was written.
 *
 * <p>{@link #key()} names the object's Redis key; {@link #storedVersion()} is the version found (0 when
 * the object does not exist). ds keeps a version for every object, with or without a {@link Version}
 * property.
 */
public class DsConflictException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The Redis key of the object. */
  private final String key;
  /** The version found in Redis: 0 when the object is absent. */
  private final long storedVersion;

  /**
   * Creates the exception for the object at {@code key}, found at {@code storedVersion}.
   *
   * @param key the Redis key of the object
   * @param storedVersion the version found in Redis, 0 when the object is absent
   * @param message what conflicted
   */
  public DsConflictException(String key, long storedVersion, String message) {
    super(message);
    this.key = key;
    this.storedVersion = storedVersion;
  }

  /**
   * Returns the Redis key of the object.
   *
   * @return the Redis key of the object
   */
  public String key() {
    return key;
  }

  /**
   * Returns the version found in Redis: 0 when the object is absent.
   *
   * @return the stored version, or 0
   */
  public long storedVersion() {
    return storedVersion;
  }
}
