package io.dstruct.internal.store;

import io.dstruct.ObjectSchema;
import io.dstruct.ObjectSchema.Compound;
import io.dstruct.ObjectSchema.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link ObjectSchema} from a class: its properties and their kinds from its fields, its roles
 * from the ds annotations, and checks the result.
 */
public final class SchemaReader {
  private SchemaReader() {}

  /**
   * Puts every property of {@code type} into {@code kinds} and {@code javaTypes}, in declaration order:
   * the record components of a record, else the non-static, non-transient fields of the class and its
   * superclasses (superclass first). Kinds: String, char, enums, UUID, java.time types, URI -> TEXT;
   * primitive and boxed numbers, BigInteger, BigDecimal -> NUMBER; boolean -> BOOLEAN; anything else -> JSON.
   */
  public static void properties(Class<?> type, Map<String, Kind> kinds, Map<String, Class<?>> javaTypes) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Calls {@code b.id}, {@code version}, {@code indexed}, {@code ordered}, {@code unique} for each ds
   * annotation on the fields, record components and getters of {@code type}.
   *
   * @throws io.dstruct.DsInvalidArgumentException if two properties carry {@code @Id} or {@code @Version}
   */
  public static <T> void annotations(Class<T> type, ObjectSchema.Builder<T> b) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Checks a schema before it is built.
   *
   * @throws io.dstruct.DsInvalidArgumentException naming the class and property: no id; an id that is not
   *     long/int/Long/Integer/String; a version that is not long/Long; a role on a property the class does
   *     not have; an indexed or unique property that is not TEXT (String/enum), integral or boolean
   *     (floating point refused); an ordered property that is not numeric; a property name that starts with
   *     {@link ObjectSchema#RESERVED_PREFIX} or holds ':' and is indexed; a compound with no equal fields,
   *     an unknown field, a non-numeric ordered field, or a duplicate name; a compound name that is not
   *     [A-Za-z0-9_-]+
   */
  public static void check(Class<?> type, Map<String, Kind> kinds, Map<String, Class<?>> javaTypes,
      @Nullable String id, @Nullable String version, Set<String> indexed, Set<String> ordered,
      Set<String> unique, List<Compound> compounds) {
    throw new UnsupportedOperationException("TODO");
  }
}
