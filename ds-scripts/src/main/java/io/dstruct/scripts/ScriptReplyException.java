package io.dstruct.scripts;

import org.jspecify.annotations.Nullable;

/**
 * An error reply of a ds script, of the form {@code DS_<CODE> detail}.
 *
 * <p>ds-core translates it into its typed exceptions; users of ds-core never see this class.
 */
public final class ScriptReplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The code without its {@code DS_} prefix. */
  private final String code;
  /** The text after the code. */
  private final String detail;

  /**
   * Creates the exception for the reply code (without {@code DS_}) and its detail text.
   *
   * @param code the code without {@code DS_}, such as {@code WRONGTYPE}
   * @param detail the text after the code, empty if there is none
   * @param cause the Redisson exception that carried the reply, or null
   */
  public ScriptReplyException(String code, String detail, @Nullable Throwable cause) {
    super("DS_" + code + (detail.isEmpty() ? "" : " " + detail), cause);
    this.code = code;
    this.detail = detail;
  }

  /**
   * Returns the code without its {@code DS_} prefix, such as {@code WRONGTYPE}.
   *
   * @return the code, upper case
   */
  public String code() {
    return code;
  }

  /**
   * Returns the text after the code (for {@code DS_WRONGTYPE}, the key and its type).
   *
   * @return the detail, empty if the reply had none
   */
  public String detail() {
    return detail;
  }
}
