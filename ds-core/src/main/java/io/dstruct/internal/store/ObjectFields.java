package io.dstruct.internal.store;

import io.dstruct.DsCodecException;
import io.dstruct.DsException;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.ObjectSchema;
import io.dstruct.ObjectSchema.Kind;
import io.dstruct.internal.store.JsonText.Malformed;
import io.dstruct.internal.store.JsonText.Type;
import io.dstruct.internal.store.JsonText.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The mapping between the objects of a schema and the fields of their Redis hashes: the codec's JSON object,
 * one top-level member per field; TEXT members as their plain string, NUMBER and BOOLEAN as their JSON text,
 * JSON members (objects, arrays) as compact JSON text.
 *
 * <p>A NUMBER member that the codec wrote as the string {@code "NaN"}, {@code "Infinity"} or {@code
 * "-Infinity"} (Jackson's way with non-finite doubles) is the field text {@code NaN}, {@code Infinity} or
 * {@code -Infinity}, and decodes back to that string. Members that are not properties of the schema keep
 * their compact JSON text, whatever their type. Thread-safe.
 */
public final class ObjectFields<T> {
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private final ObjectSchema<T> schema;

  /** Creates the mapping of {@code schema}. */
  public ObjectFields(ObjectSchema<T> schema) {
    this.schema = schema;
  }

  /**
   * Returns the fields of {@code object}, in the order of its JSON members; a null member maps to null.
   *
   * @throws io.dstruct.DsCodecException if the codec fails or writes anything but a JSON object, or a
   *     member of a TEXT/NUMBER/BOOLEAN property has another JSON type
   * @throws io.dstruct.DsInvalidArgumentException if a member name starts with {@link
   *     ObjectSchema#RESERVED_PREFIX}
   */
  public LinkedHashMap<String, @Nullable String> encode(T object) {
    Objects.requireNonNull(object, "object");
    byte[] bytes;
    try {
      bytes = schema.codec().encode(object);
    } catch (DsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DsCodecException(what() + ": the codec failed: " + e, e);
    }
    LinkedHashMap<String, Value> members;
    try {
      members = JsonText.members(JsonText.utf8(bytes));
    } catch (Malformed e) {
      throw new DsCodecException(what() + ": the codec must write a JSON object, and wrote something else ("
          + e.getMessage() + "): " + JsonText.excerpt(new String(bytes, StandardCharsets.UTF_8)), null);
    }
    LinkedHashMap<String, @Nullable String> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Value> member : members.entrySet()) {
      String name = member.getKey();
      Value v = member.getValue();
      if (name.startsWith(ObjectSchema.RESERVED_PREFIX)) {
        throw new DsInvalidArgumentException(what() + ": the codec wrote the member '" + name + "', whose"
            + " name starts with '" + ObjectSchema.RESERVED_PREFIX + "', the prefix of the fields that ds keeps"
            + " in each object's hash");
      }
      fields.put(name, v.type() == Type.NULL ? null : fieldText(name, v));
    }
    return fields;
  }

  private String fieldText(String name, Value v) {
    Kind kind = schema.properties().get(name);
    if (kind == null || kind == Kind.JSON) {
      return v.raw();
    }
    switch (kind) {
      case TEXT:
        if (v.type() != Type.STRING) {
          throw wrongType(name, kind, v);
        }
        int bad = JsonText.unpairedSurrogate(v.string());
        if (bad >= 0) {
          throw new DsCodecException(what() + ": the string of property '" + name + "' holds an unpaired"
              + " surrogate at index " + bad + ", which has no UTF-8 form", null);
        }
        return v.string();
      case NUMBER:
        if (v.type() == Type.NUMBER || (v.type() == Type.STRING && NON_FINITE.contains(v.string()))) {
          return v.string();
        }
        throw wrongType(name, kind, v);
      default:
        if (v.type() != Type.BOOLEAN) {
          throw wrongType(name, kind, v);
        }
        return v.raw();
    }
  }

  private DsCodecException wrongType(String name, Kind kind, Value v) {
    return new DsCodecException(what() + ": property '" + name + "' is " + kind + ", so its member must be a"
        + " JSON " + (kind == Kind.TEXT ? "string" : kind == Kind.NUMBER ? "number" : "boolean")
        + " or null, but the codec wrote " + JsonText.excerpt(v.raw()), null);
  }

  /**
   * Returns the object that {@code fields} (a hash read from {@code key}) hold. Fields that start with
   * {@link ObjectSchema#RESERVED_PREFIX} are ignored; a property of the schema with no field is null.
   * The JSON object given to the codec has the schema's properties first, in their order, then the other
   * fields in the order of {@code fields}.
   *
   * @throws io.dstruct.DsCodecException naming {@code key} if a NUMBER/BOOLEAN field does not hold one, a
   *     JSON field is not JSON, or the codec refuses the object
   */
  public T decode(String key, Map<String, String> fields) {
    StringBuilder json = new StringBuilder(64);
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Kind> p : schema.properties().entrySet()) {
      String name = p.getKey();
      first = member(json, first, name);
      String text = fields.get(name);
      if (text == null) {
        json.append("null");
      } else {
        value(json, key, name, p.getValue(), text);
      }
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      String name = f.getKey();
      if (f.getValue() == null || name.startsWith(ObjectSchema.RESERVED_PREFIX)
          || schema.properties().containsKey(name)) {
        continue;
      }
      first = member(json, first, name);
      value(json, key, name, Kind.JSON, f.getValue());
    }
    json.append('}');
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    T object;
    try {
      object = schema.codec().decode(bytes);
    } catch (RuntimeException e) {
      String why = e instanceof DsCodecException ? e.getMessage() : e.toString();
      throw new DsCodecException(key, what() + ": the codec refused the stored object: " + why, e);
    }
    if (object == null) {
      throw new DsCodecException(key, what() + ": the codec decoded the stored object to null", null);
    }
    return object;
  }

  private static boolean member(StringBuilder json, boolean first, String name) {
    if (!first) {
      json.append(',');
    }
    JsonText.quote(json, name);
    json.append(':');
    return false;
  }

  private void value(StringBuilder json, String key, String name, Kind kind, String text) {
    switch (kind) {
      case TEXT:
        JsonText.quote(json, text);
        return;
      case NUMBER:
        if (JsonText.isNumber(text)) {
          json.append(text);
        } else if (NON_FINITE.contains(text)) {
          JsonText.quote(json, text);
        } else {
          throw corrupt(key, name, "a number", text);
        }
        return;
      case BOOLEAN:
        if (!text.equals("true") && !text.equals("false")) {
          throw corrupt(key, name, "true or false", text);
        }
        json.append(text);
        return;
      default:
        try {
          json.append(JsonText.compact(text));
        } catch (Malformed e) {
          throw corrupt(key, name, "JSON (" + e.getMessage() + ")", text);
        }
    }
  }

  private DsCodecException corrupt(String key, String name, String expected, String text) {
    return new DsCodecException(key, what() + ": field '" + name + "' must hold " + expected + ", but holds '"
        + JsonText.excerpt(text) + "'", null);
  }

  /**
   * Returns the field text of {@code value} for a partial update of {@code property}, or null to remove it:
   * a String/Character/Enum for TEXT (an enum property takes its own constants, or a String naming one),
   * a Number for NUMBER (integral for integral properties), a Boolean for BOOLEAN.
   *
   * @throws io.dstruct.DsInvalidArgumentException if {@code property} is not one of the schema's, or is JSON,
   *     or the value does not fit its type
   */
  public @Nullable String updateText(String property, @Nullable Object value) {
    Objects.requireNonNull(property, "property");
    Kind kind = schema.properties().get(property);
    if (kind == null) {
      throw new DsInvalidArgumentException(what() + ": '" + property + "' is not a property (its properties: "
          + String.join(", ", schema.properties().keySet()) + ")");
    }
    if (kind == Kind.JSON) {
      throw new DsInvalidArgumentException(what() + ": property '" + property + "' holds JSON (a "
          + schema.javaTypes().get(property).getTypeName() + "), which a partial update cannot set; save the"
          + " whole object instead");
    }
    if (value == null) {
      return null;
    }
    Class<?> type = schema.javaTypes().get(property);
    switch (kind) {
      case TEXT:
        return text(property, type, value);
      case NUMBER:
        return number(property, type, value);
      default:
        if (!(value instanceof Boolean)) {
          throw unfit(property, type, value, "a Boolean");
        }
        return value.toString();
    }
  }

  private String text(String property, Class<?> type, Object value) {
    if (type.isEnum()) {
      if (type.isInstance(value)) {
        return ((Enum<?>) value).name();
      }
      if (value instanceof String) {
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equals(value)) {
            return (String) value;
          }
        }
        throw new DsInvalidArgumentException(what() + ": property '" + property + "' is a "
            + type.getTypeName() + ", which has no constant named '" + JsonText.excerpt((String) value) + "'");
      }
      throw unfit(property, type, value, "one of its constants or a String naming one");
    }
    if (value instanceof Enum || value instanceof Character || value instanceof String) {
      String s = value instanceof Enum ? ((Enum<?>) value).name() : value.toString();
      if ((type == char.class || type == Character.class) && s.length() != 1) {
        throw unfit(property, type, value, "one character");
      }
      int bad = JsonText.unpairedSurrogate(s);
      if (bad >= 0) {
        throw new DsInvalidArgumentException(what() + ": the value for property '" + property + "' holds an"
            + " unpaired surrogate at index " + bad + ", which has no UTF-8 form");
      }
      return s;
    }
    throw unfit(property, type, value, "a String, Character or Enum");
  }

  private String number(String property, Class<?> type, Object value) {
    if (!(value instanceof Number)) {
      throw unfit(property, type, value, "a Number");
    }
    if (!SchemaReader.isIntegral(type)) {
      if (value instanceof Double || value instanceof Float) {
        // Double.toString and Float.toString give NaN, Infinity, -Infinity or a JSON number.
        return value.toString();
      }
      if (value instanceof BigDecimal) {
        return value.toString();
      }
      BigInteger whole = integral(value);
      if (whole == null) {
        throw unfit(property, type, value, "a Number of a standard type");
      }
      return whole.toString();
    }
    BigInteger whole = integral(value);
    if (whole == null) {
      throw unfit(property, type, value, "a whole number");
    }
    BigInteger[] range = range(type);
    if (range != null && (whole.compareTo(range[0]) < 0 || whole.compareTo(range[1]) > 0)) {
      throw unfit(property, type, value, "a number between " + range[0] + " and " + range[1]);
    }
    return whole.toString();
  }

  /** Returns {@code value} as a whole number, or null if it is not an integral type (or an exact BigDecimal). */
  private static @Nullable BigInteger integral(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof AtomicInteger || value instanceof AtomicLong) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      return (BigInteger) value;
    }
    if (value instanceof BigDecimal) {
      try {
        return ((BigDecimal) value).toBigIntegerExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  private static BigInteger @Nullable [] range(Class<?> type) {
    if (type == byte.class || type == Byte.class) {
      return new BigInteger[] {BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)};
    }
    if (type == short.class || type == Short.class) {
      return new BigInteger[] {BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)};
    }
    if (type == java.time.Year.class) {
      return new BigInteger[] {BigInteger.valueOf(Year.MIN_VALUE), BigInteger.valueOf(Year.MAX_VALUE)};
    }
    if (type == int.class || type == Integer.class) {
      return new BigInteger[] {BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)};
    }
    if (type == long.class || type == Long.class) {
      return new BigInteger[] {BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};
    }
    return null;
  }

  private DsInvalidArgumentException unfit(String property, Class<?> type, Object value, String expected) {
    return new DsInvalidArgumentException(what() + ": property '" + property + "' is a " + type.getTypeName()
        + " and takes " + expected + ", not the " + value.getClass().getName() + " "
        + JsonText.excerpt(String.valueOf(value)));
  }

  private String what() {
    return "objects of " + schema.type().getName();
  }
}
