package io.dstruct;

import org.jspecify.annotations.Nullable;

/**
 * An error that a ds Lua script replied with, identified by its {@link DsErrorCode}.
 *
 * <p>Scripts reply with errors of the form {@code DS_<CODE> detail}; the code is parsed into
 * {@link #code()}, never matched on free text. Codes that have a more precise exception (such as
 * {@link DsErrorCode#WRONGTYPE}) are thrown as that exception instead.
 */
public class DsScriptException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The error code of the script's reply. */
  private final DsErrorCode code;

  /**
   * Creates the exception for a script's error reply.
   *
   * @param code the error code of the reply
   * @param message the detail of the reply
   * @param cause the Redis error, or null
   */
  public DsScriptException(DsErrorCode code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * Returns the error code of the script's reply.
   *
   * @return the error code
   */
  public DsErrorCode code() {
    return code;
  }
}
