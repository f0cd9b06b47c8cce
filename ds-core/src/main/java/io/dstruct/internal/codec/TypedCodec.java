package io.dstruct.internal.codec;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The wire format of the Python library redis-dict: {@code <python type name>:<value>}. See {@link
 * io.dstruct.Codecs#typed()} for the table of types.
 */
public final class TypedCodec implements Codec<Object> {
  /** The only instance; the codec holds no state. */
  public static final TypedCodec INSTANCE = new TypedCodec();

  /** The longest type name ({@code NoneType}) plus its colon: where the colon must be by now. */
  private static final int MAX_PREFIX = "NoneType:".length();

  private TypedCodec() {}

  @Override
  public byte[] encode(Object value) {
    Objects.requireNonNull(value, "value (typed() writes Python's None for Codecs.NONE)");
    if (value instanceof String) {
      return concat("str:", Utf8.encode((String) value));
    } else if (value instanceof Boolean) {
      return ascii((Boolean) value ? "bool:True" : "bool:False");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ascii("int:" + ((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      return ascii("int:" + PyNumbers.str((BigInteger) value));
    } else if (value instanceof Double || value instanceof Float) {
      return ascii("float:" + PyNumbers.repr(toDouble((Number) value)));
    } else if (value == PyNone.NONE) {
      return ascii("NoneType:None");
    } else if (value instanceof List) {
      return ascii("list:" + PyJsonWriter.write(value));
    } else if (value instanceof Map) {
      return ascii("dict:" + PyJsonWriter.write(value));
    }
    throw new DsCodecException(
        "typed() cannot encode a "
            + value.getClass().getName()
            + "; it encodes String, Boolean, Integer, Long, Short, Byte, BigInteger, Double, Float,"
            + " Codecs.NONE, List and Map",
        null);
  }

  @Override
  public Object decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    int colon = -1;
    for (int i = 0; i < Math.min(bytes.length, MAX_PREFIX); i++) {
      if (bytes[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      throw malformed("no redis-dict type prefix (such as 'str:') in", bytes, null);
    }
    String type = new String(bytes, 0, colon, StandardCharsets.ISO_8859_1);
    int start = colon + 1;
    switch (type) {
      case "str":
        return Utf8.decode(bytes, start, bytes.length - start);
      case "int":
        Number integer = PyNumbers.parseInt(ascii(bytes, start));
        if (integer == null) {
          throw malformed("not a Python int in", bytes, null);
        }
        return integer;
      case "float":
        Double d = PyNumbers.parseFloat(ascii(bytes, start));
        if (d == null) {
          throw malformed("not a Python float in", bytes, null);
        }
        return d;
      case "bool":
        String bool = ascii(bytes, start);
        if (bool.equals("True")) {
          return Boolean.TRUE;
        } else if (bool.equals("False")) {
          return Boolean.FALSE;
        }
        throw malformed("not True or False in", bytes, null);
      case "NoneType":
        if (ascii(bytes, start).equals("None")) {
          return PyNone.NONE;
        }
        throw malformed("not None in", bytes, null);
      case "list":
        Object list = json(bytes, start);
        if (!(list instanceof List)) {
          throw malformed("not a JSON array in", bytes, null);
        }
        return list;
      case "dict":
        Object dict = json(bytes, start);
        if (!(dict instanceof Map)) {
          throw malformed("not a JSON object in", bytes, null);
        }
        return dict;
      default:
        throw malformed("unknown redis-dict type '" + type + "' in", bytes, null);
    }
  }

  /**
   * Returns a Float or Double as a double. A Float goes through its decimal form, so that {@code
   * 1.1f} is written as {@code 1.1} rather than as {@code 1.100000023841858}.
   */
  static double toDouble(Number n) {
    if (n instanceof Float) {
      float f = (Float) n;
      return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : (double) f;
    }
    return n.doubleValue();
  }

  private static Object json(byte[] bytes, int start) {
    String text = Utf8.decode(bytes, start, bytes.length - start);
    Object value;
    try {
      value = PyJsonReader.read(text);
    } catch (PyJsonReader.MalformedJson e) {
      throw malformed("malformed JSON (" + e.getMessage() + ") in", bytes, e);
    }
    if (value == null) {
      throw malformed("JSON null where a list or dict belongs in", bytes, null);
    }
    return value;
  }

  /** Returns the rest of {@code bytes} from {@code start} as Latin-1, so that no byte is lost. */
  private static String ascii(byte[] bytes, int start) {
    return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(String prefix, byte[] body) {
    byte[] out = new byte[prefix.length() + body.length];
    for (int i = 0; i < prefix.length(); i++) {
      out[i] = (byte) prefix.charAt(i);
    }
    System.arraycopy(body, 0, out, prefix.length(), body.length);
    return out;
  }

  private static DsCodecException malformed(String what, byte[] bytes, @Nullable Throwable cause) {
    return new DsCodecException(
        "typed(): " + what + " stored value " + Found.describe(bytes), cause);
  }
}
