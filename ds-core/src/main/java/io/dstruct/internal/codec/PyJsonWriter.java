package io.dstruct.internal.codec;

import io.dstruct.DsCodecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with its defaults: separators {@code ",
 * "} and {@code ": "}, only ASCII out (other characters as lower-case {@code \}{@code uXXXX},
 * astral ones as surrogate pairs), floats as {@code repr} with {@code NaN}, {@code Infinity} and
 * {@code -Infinity}.
 *
 * <p>A map keeps its iteration order when its class promises one ({@link LinkedHashMap}, {@link
 * SortedMap}), so a decoded dict re-encodes to the bytes it came from. Any other map is written in
 * key order, so that equal maps give equal bytes whatever their hash layout.
 */
final class PyJsonWriter {
  /** The deepest nesting of lists and maps written or read; Python's default recursion limit. */
  static final int MAX_DEPTH = 1000;

  private final StringBuilder out = new StringBuilder();

  private PyJsonWriter() {}

  /**
   * Returns {@code value} (a {@link List} or a {@link Map}) as ASCII JSON.
   *
   * @throws DsCodecException if it holds something JSON cannot represent, a non-String map key, or
   *     nests deeper than {@link #MAX_DEPTH} (which includes a list that contains itself)
   */
  static String write(Object value) {
    PyJsonWriter writer = new PyJsonWriter();
    writer.value(value, 0);
    return writer.out.toString();
  }

  private void value(@Nullable Object value, int depth) {
    if (value == null || value == PyNone.NONE) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value);
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "true" : "false");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      out.append(PyNumbers.str((BigInteger) value));
    } else if (value instanceof Double || value instanceof Float) {
      number(TypedCodec.toDouble((Number) value));
    } else if (value instanceof List) {
      list((List<?>) value, depth + 1);
    } else if (value instanceof Map) {
      map((Map<?, ?>) value, depth + 1);
    } else {
      throw new DsCodecException(
          "cannot encode a " + value.getClass().getName() + " inside a list or dict", null);
    }
  }

  private void number(double d) {
    if (Double.isNaN(d)) {
      out.append("NaN");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "Infinity" : "-Infinity");
    } else {
      out.append(PyNumbers.repr(d));
    }
  }

  private void list(List<?> list, int depth) {
    checkDepth(depth);
    out.append('[');
    boolean first = true;
    for (Object element : list) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      value(element, depth);
    }
    out.append(']');
  }

  private void map(Map<?, ?> map, int depth) {
    checkDepth(depth);
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    for (Map.Entry<?, ?> entry : entries) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new DsCodecException(
            "cannot encode a dict key of type "
                + (key == null ? "null" : key.getClass().getName())
                + "; dict keys must be Strings",
            null);
      }
    }
    if (!(map instanceof LinkedHashMap) && !(map instanceof SortedMap)) {
      entries.sort((a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : entries) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      string((String) entry.getKey());
      out.append(": ");
      value(entry.getValue(), depth);
    }
    out.append('}');
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c >= 0x20 && c < 0x7f) {
            out.append(c);
          } else {
            out.append("\\u");
            String hex = Integer.toHexString(c);
            out.append("0".repeat(4 - hex.length())).append(hex);
          }
      }
    }
    out.append('"');
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new DsCodecException(
          "cannot encode lists or dicts nested deeper than "
              + MAX_DEPTH
              + " (or that contain themselves)",
          null);
    }
  }
}
