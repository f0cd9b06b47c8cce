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

  /** Creates a codec failure that concerns no particular key (for example, while encoding). */
  public DsCodecException(String message, @Nullable Throwable cause) {
    this(null, message, cause);
  }

  /** Creates a codec failure for the value stored at {@code key}. */
  public DsCodecException(@Nullable String key, String message, @Nullable Throwable cause) {
    super(key == null ? message : message + " (key '" + key + "')", cause);
    this.key = key;
  }

  /** Returns the Redis key whose value failed to decode, or null when no key is concerned. */
  public @Nullable String key() {
    return key;
  }
}
