package io.dstruct.internal.codec;

/** Renders bytes that failed to decode for an error message: quoted, escaped and truncated. */
final class Found {
  /** How many bytes of a stored value an error message shows. */
  static final int SHOWN = 64;

  private Found() {}

  /**
   * Returns {@code bytes} as a quoted string: printable ASCII as is, other bytes as {@code \xNN},
   * at most {@link #SHOWN} bytes followed by the total length when longer.
   */
  static String describe(byte[] bytes) {
    int shown = Math.min(bytes.length, SHOWN);
    StringBuilder out = new StringBuilder(shown + 24).append('"');
    for (int i = 0; i < shown; i++) {
      int b = bytes[i] & 0xff;
      if (b == '"' || b == '\\') {
        out.append('\\').append((char) b);
      } else if (b >= 0x20 && b < 0x7f) {
        out.append((char) b);
      } else {
        out.append("\\x")
            .append(Character.forDigit(b >> 4, 16))
            .append(Character.forDigit(b & 0xf, 16));
      }
    }
    out.append('"');
    if (bytes.length > shown) {
      out.append("... (").append(bytes.length).append(" bytes)");
    }
    return out.toString();
  }
}
