package io.dstruct;

/**
 * The error codes that ds Lua scripts reply with, as {@code DS_<NAME> detail}.
 *
 * <p>This enum mirrors the {@code Output:} sections of the script headers in ds-scripts; a test
 * checks that every code a script can reply with is listed here.
 */
public enum DsErrorCode {
  /** A key holds another Redis type than the script expects; the detail names the key. */
  WRONGTYPE,
  /** An argument failed the script's own validation; nothing was written. */
  BADARG,
  /** An index is out of the list's range; thrown as {@link IndexOutOfBoundsException}. */
  INDEX,
  /** A counter's key holds a string that is not a 64-bit integer; thrown as {@link DsCodecException}. */
  NOTINTEGER,
  /** A unique value is held by another object; thrown as {@link DsUniqueViolationException}. */
  UNIQUE,
  /** An object exists, or is at another version; thrown as {@link DsConflictException}. */
  CONFLICT,
  /** A query needs an index that is not built yet; thrown as {@link DsIndexNotReadyException}. */
  NOTREADY,
  /**
   * A write sent again after a lost reply cannot tell whether its earlier attempt took effect, and wrote
   * nothing; thrown as {@link DsOutcomeUnknownException}.
   */
  INDOUBT,
  /** A Connector delivery's message is no longer leased; thrown as {@link DsLeaseException}. */
  NOTLEASED,
  /** A reply code this version of ds does not know (a newer script on the server). */
  UNKNOWN;

  /**
   * Returns the code for {@code name} (without the {@code DS_} prefix), or {@link #UNKNOWN}.
   *
   * @param name the code as the script replied it, without the {@code DS_} prefix
   * @return the code, or {@link #UNKNOWN} if this version of ds does not know it
   */
  public static DsErrorCode of(String name) {
    for (DsErrorCode c : values()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
