package io.dstruct.internal.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict JSON reader for what Python's {@code json.dumps} writes: RFC 8259 plus {@code NaN},
 * {@code Infinity} and {@code -Infinity}, which Python writes for the non-finite floats.
 *
 * <p>Objects become {@link LinkedHashMap}s (in document order; a repeated key keeps its first
 * position and its last value, as in Python), arrays become {@link ArrayList}s, integers {@link
 * Long} or {@link BigInteger}, other numbers {@link Double}, and {@code null} becomes {@code null}.
 * Control characters in strings, trailing commas, comments, single quotes and anything after the
 * value are errors. Nesting is limited to {@link PyJsonWriter#MAX_DEPTH}.
 */
final class PyJsonReader {
  private final String in;
  private int pos;

  private PyJsonReader(String in) {
    this.in = in;
  }

  /** Thrown for malformed JSON; the caller turns it into a codec exception with context. */
  static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJson(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the single JSON value that {@code in} holds, with optional whitespace around it.
   *
   * @throws MalformedJson if {@code in} is not exactly one JSON value
   */
  static @Nullable Object read(String in) throws MalformedJson {
    PyJsonReader reader = new PyJsonReader(in);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != in.length()) {
      throw reader.error("unexpected data after the value");
    }
    return value;
  }

  private @Nullable Object value(int depth) throws MalformedJson {
    if (pos >= in.length()) {
      throw error("unexpected end, expected a value");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      case 'N':
        literal("NaN");
        return Double.NaN;
      case 'I':
        literal("Infinity");
        return Double.POSITIVE_INFINITY;
      default:
        if (c == '-' && in.startsWith("-Infinity", pos)) {
          pos += "-Infinity".length();
          return Double.NEGATIVE_INFINITY;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character, expected a value");
    }
  }

  private Map<String, @Nullable Object> object(int depth) throws MalformedJson {
    checkDepth(depth);
    pos++; // '{'
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<@Nullable Object> array(int depth) throws MalformedJson {
    checkDepth(depth);
    pos++; // '['
    List<@Nullable Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws MalformedJson {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        return out.toString();
      } else if (c == '\\') {
        out.append(escape());
      } else if (c < 0x20) {
        pos--;
        throw error("control character in a string");
      } else {
        out.append(c);
      }
    }
  }

  private char escape() throws MalformedJson {
    if (pos >= in.length()) {
      throw error("unterminated escape");
    }
    char c = in.charAt(pos++);
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = pos < in.length() ? Character.digit(in.charAt(pos), 16) : -1;
          if (digit < 0) {
            throw error("bad \\u escape");
          }
          code = code * 16 + digit;
          pos++;
        }
        return (char) code;
      default:
        pos--;
        throw error("bad escape");
    }
  }

  private Number number() throws MalformedJson {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("expected a digit");
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      integral = false;
      if (!isDigit(peek())) {
        throw error("expected a digit after '.'");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    String text = in.substring(start, pos);
    if (!integral) {
      return Double.parseDouble(text);
    }
    int digits = text.length() - (text.startsWith("-") ? 1 : 0);
    if (digits > PyNumbers.MAX_INT_DIGITS) {
      pos = start;
      throw error("integer of more than " + PyNumbers.MAX_INT_DIGITS + " digits");
    }
    return digits <= 18 ? (Number) Long.parseLong(text) : PyNumbers.narrow(new BigInteger(text));
  }

  private void literal(String word) throws MalformedJson {
    if (!in.startsWith(word, pos)) {
      throw error("unexpected character, expected a value");
    }
    pos += word.length();
  }

  private void expect(char c) throws MalformedJson {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** Returns the character at the position, or NUL at the end (NUL is never valid there). */
  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void checkDepth(int depth) throws MalformedJson {
    if (depth > PyJsonWriter.MAX_DEPTH) {
      throw error("nested deeper than " + PyJsonWriter.MAX_DEPTH);
    }
  }

  private MalformedJson error(String what) {
    return new MalformedJson(what + " at character " + pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
