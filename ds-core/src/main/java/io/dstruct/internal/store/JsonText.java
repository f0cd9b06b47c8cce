package io.dstruct.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Strict RFC 8259 JSON text, as the object store needs it: the top-level members of one JSON object with
 * the raw (compacted) text of each value, one JSON value checked and compacted, numbers checked, and strings
 * quoted. Nothing is turned into Java values, so a number keeps the exact text the codec wrote.
 *
 * <p>Strict means: no comments, no trailing commas, no single quotes, no {@code NaN} or {@code Infinity}, no
 * control characters in strings, no duplicate member names at the top level, and nothing after the value.
 * Nesting is limited to {@link #MAX_DEPTH}.
 */
final class JsonText {
  /** The deepest nesting of objects and arrays read. */
  static final int MAX_DEPTH = 1000;

  /** The JSON type of a value. */
  enum Type { STRING, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY }

  /**
   * One top-level member's value.
   *
   * @param type its JSON type
   * @param raw its JSON text, without insignificant whitespace
   * @param string the decoded string, for a {@link Type#STRING}; else the raw text
   */
  record Value(Type type, String raw, String string) {}

  /** Thrown for malformed JSON; the caller turns it into a codec exception with context. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final String in;
  private int pos;

  private JsonText(String in) {
    this.in = in;
  }

  /**
   * Returns the members of the JSON object that {@code json} holds, in document order.
   *
   * @throws Malformed if {@code json} is not exactly one JSON object, or repeats a member name
   */
  static LinkedHashMap<String, Value> members(String json) throws Malformed {
    JsonText r = new JsonText(json);
    r.skipWhitespace();
    if (r.peek() != '{') {
      throw r.error("expected a JSON object");
    }
    r.pos++;
    LinkedHashMap<String, Value> members = new LinkedHashMap<>();
    r.skipWhitespace();
    if (r.peek() == '}') {
      r.pos++;
    } else {
      while (true) {
        r.skipWhitespace();
        if (r.peek() != '"') {
          throw r.error("expected a member name");
        }
        int nameAt = r.pos;
        String name = r.string();
        r.skipWhitespace();
        r.expect(':');
        r.skipWhitespace();
        int start = r.pos;
        StringBuilder raw = new StringBuilder();
        Type type = r.value(1, raw);
        String string = type == Type.STRING ? decodeString(json, start) : raw.toString();
        if (members.put(name, new Value(type, raw.toString(), string)) != null) {
          r.pos = nameAt;
          throw r.error("member \"" + name + "\" appears twice");
        }
        r.skipWhitespace();
        char c = r.peek();
        if (c == '}') {
          r.pos++;
          break;
        }
        if (c != ',') {
          throw r.error("expected ',' or '}'");
        }
        r.pos++;
      }
    }
    r.end();
    return members;
  }

  /**
   * Returns the JSON value that {@code json} holds, without insignificant whitespace.
   *
   * @throws Malformed if {@code json} is not exactly one JSON value
   */
  static String compact(String json) throws Malformed {
    JsonText r = new JsonText(json);
    r.skipWhitespace();
    StringBuilder out = new StringBuilder(json.length());
    r.value(0, out);
    r.end();
    return out.toString();
  }

  /** Returns whether {@code s} is exactly one JSON number, with no whitespace. */
  static boolean isNumber(String s) {
    JsonText r = new JsonText(s);
    if (s.isEmpty() || !(s.charAt(0) == '-' || isDigit(s.charAt(0)))) {
      return false;
    }
    try {
      r.number();
    } catch (Malformed e) {
      return false;
    }
    return r.pos == s.length();
  }

  /** Appends {@code s} to {@code out} as a JSON string; non-ASCII characters stay as they are. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean lone = Character.isHighSurrogate(c)
              ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
              : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || c == 0x7f || lone) {
            // An unpaired surrogate has no UTF-8 form; escaped, the text stays valid UTF-8.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Returns the index of the first unpaired surrogate of {@code s}, or -1 if it has none. */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Decodes {@code bytes} as strict UTF-8: malformed bytes are an error, never replaced.
   *
   * @throws Malformed if they are not well-formed UTF-8
   */
  static String utf8(byte[] bytes) throws Malformed {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("not valid UTF-8");
    }
  }

  /** Returns {@code s} cut to at most 60 characters, for a message. */
  static String excerpt(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String decodeString(String json, int start) throws Malformed {
    JsonText r = new JsonText(json);
    r.pos = start;
    return r.string();
  }

  /** Reads one value at the position, appends its compact text to {@code out}, and returns its type. */
  private Type value(int depth, StringBuilder out) throws Malformed {
    char c = peek();
    switch (c) {
      case '{':
        object(depth + 1, out);
        return Type.OBJECT;
      case '[':
        array(depth + 1, out);
        return Type.ARRAY;
      case '"': {
        int start = pos;
        skipString();
        out.append(in, start, pos);
        return Type.STRING;
      }
      case 't':
        literal("true", out);
        return Type.BOOLEAN;
      case 'f':
        literal("false", out);
        return Type.BOOLEAN;
      case 'n':
        literal("null", out);
        return Type.NULL;
      default:
        if (c == '-' || isDigit(c)) {
          int start = pos;
          number();
          out.append(in, start, pos);
          return Type.NUMBER;
        }
        throw error(pos >= in.length() ? "unexpected end, expected a value" : "expected a value");
    }
  }

  private void object(int depth, StringBuilder out) throws Malformed {
    checkDepth(depth);
    pos++;
    out.append('{');
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      out.append('}');
      return;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      int start = pos;
      skipString();
      out.append(in, start, pos);
      skipWhitespace();
      expect(':');
      out.append(':');
      skipWhitespace();
      value(depth, out);
      skipWhitespace();
      char c = peek();
      if (c == '}') {
        pos++;
        out.append('}');
        return;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
      pos++;
      out.append(',');
    }
  }

  private void array(int depth, StringBuilder out) throws Malformed {
    checkDepth(depth);
    pos++;
    out.append('[');
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      out.append(']');
      return;
    }
    while (true) {
      skipWhitespace();
      value(depth, out);
      skipWhitespace();
      char c = peek();
      if (c == ']') {
        pos++;
        out.append(']');
        return;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
      pos++;
      out.append(',');
    }
  }

  /** Reads the string at the position (its opening quote) and returns its decoded text. */
  private String string() throws Malformed {
    pos++;
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

  /** Checks the string at the position without decoding it, and moves past it. */
  private void skipString() throws Malformed {
    pos++;
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        return;
      } else if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        pos--;
        throw error("control character in a string");
      }
    }
  }

  private char escape() throws Malformed {
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
      case 'u': {
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
      }
      default:
        pos--;
        throw error("bad escape");
    }
  }

  private void number() throws Malformed {
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      digits();
    }
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private void literal(String word, StringBuilder out) throws Malformed {
    if (!in.startsWith(word, pos)) {
      throw error("expected a value");
    }
    pos += word.length();
    out.append(word);
  }

  private void expect(char c) throws Malformed {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void end() throws Malformed {
    skipWhitespace();
    if (pos != in.length()) {
      throw error("unexpected data after the value");
    }
  }

  /** Returns the character at the position, or NUL at the end (NUL is never valid outside a string). */
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

  private void checkDepth(int depth) throws Malformed {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private Malformed error(String what) {
    return new Malformed(what + " at character " + pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
