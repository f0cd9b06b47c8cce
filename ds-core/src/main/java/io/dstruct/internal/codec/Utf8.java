package io.dstruct.internal.codec;

import io.dstruct.DsCodecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: malformed bytes and unpaired surrogates are errors, never replaced with {@code ?}
 * or U+FFFD, so that what decodes re-encodes to the same bytes.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Encodes {@code s} as UTF-8.
   *
   * @throws DsCodecException if {@code s} holds an unpaired surrogate
   */
  static byte[] encode(String s) {
    if (isAscii(s)) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
    try {
      ByteBuffer buf =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new DsCodecException("cannot encode a string with an unpaired surrogate as UTF-8", e);
    }
  }

  /**
   * Decodes {@code length} bytes of {@code bytes} from {@code offset} as UTF-8.
   *
   * @throws DsCodecException if the bytes are not well-formed UTF-8
   */
  static String decode(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DsCodecException("not valid UTF-8: " + Found.describe(bytes), e);
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
