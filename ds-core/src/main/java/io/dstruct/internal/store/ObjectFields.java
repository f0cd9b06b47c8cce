package io.dstruct.internal.store;

import io.dstruct.ObjectSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mapping between the objects of a schema and the fields of their Redis hashes: the codec's JSON object,
 * one top-level member per field; TEXT members as their plain string, NUMBER and BOOLEAN as their JSON text,
 * JSON members (objects, arrays) as compact JSON text.
 */
public final class ObjectFields<T> {
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
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Returns the object that {@code fields} (a hash read from {@code key}) hold. Fields that start with
   * {@link ObjectSchema#RESERVED_PREFIX} are ignored; a property of the schema with no field is null.
   *
   * @throws io.dstruct.DsCodecException naming {@code key} if a NUMBER/BOOLEAN field does not hold one, a
   *     JSON field is not JSON, or the codec refuses the object
   */
  public T decode(String key, Map<String, String> fields) {
    throw new UnsupportedOperationException("TODO");
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
    throw new UnsupportedOperationException("TODO");
  }
}
