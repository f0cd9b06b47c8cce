package io.dstruct;

import org.jspecify.annotations.Nullable;

/**
 * A value that could not be encoded, or a stored value that could not be decoded.
 *
 * <p>When the failure concerns a stored value, {@link #key()} names the Redis key that holds it.
 */
public class DsCodecException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The Redis key of the value that failed, or null when no key is concerned. */
  private final @Nullable String key;

  /**
   * Creates a codec failure that concerns no particular key (for example, while encoding).
   *
   * @param message what failed and why
   * @param cause the codec's own failure, or null
   */
  public DsCodecException(String message, @Nullable Throwable cause) {
    this(null, message, cause);
  }

  /**
   * Creates a codec failure for the value stored at {@code key}.
   *
   * @param key the Redis key of the value, or null when no key is concerned
   * @param message what failed and why; the key is appended to it
   * @param cause the codec's own failure, or null
   */
  public DsCodecException(@Nullable String key, String message, @Nullable Throwable cause) {
    super(key == null ? message : message + " (key '" + key + "')", cause);
    this.key = key;
  }

  /**
   * Returns the Redis key whose value failed to decode, or null when no key is concerned.
   *
   * @return the Redis key, or null
   */
  public @Nullable String key() {
    return key;
  }
}
