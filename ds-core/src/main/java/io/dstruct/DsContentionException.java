package io.dstruct;

/**
 * A compare-and-set operation ({@code compute*}, {@code merge}) that gave up: other clients changed
 * the entry between its read and its write in every one of its attempts.
 *
 * <p>Updates of one entry from one {@link Ds} wait for each other and never conflict; only writers in
 * other processes (or other {@code Ds} instances) can make an attempt fail. Nothing was written by
 * the call that throws this. {@link #key()} names the Redis key.
 */
public class DsContentionException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The Redis key that kept changing. */
  private final String key;

  /**
   * Creates the exception for {@code key} after {@code attempts} failed attempts.
   *
   * @param key the Redis key that kept changing
   * @param attempts how many attempts failed
   */
  public DsContentionException(String key, int attempts) {
    super("gave up updating '" + key + "' after " + attempts
        + " attempts: other clients changed it between each read and write; nothing was written");
    this.key = key;
  }

  /**
   * Returns the Redis key that kept changing.
   *
   * @return the Redis key that kept changing
   */
  public String key() {
    return key;
  }
}
