package io.dstruct.internal.store;

import io.dstruct.DsInvalidArgumentException;
import io.dstruct.Id;
import io.dstruct.Indexed;
import io.dstruct.ObjectSchema;
import io.dstruct.ObjectSchema.Compound;
import io.dstruct.ObjectSchema.Kind;
import io.dstruct.Ordered;
import io.dstruct.Unique;
import io.dstruct.Version;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Year;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link ObjectSchema} from a class: its properties and their kinds from its fields, its roles
 * from the ds annotations, and checks the result.
 */
public final class SchemaReader {
  private static final Pattern COMPOUND_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Set<Class<?>> INTEGRAL = Set.of(byte.class, short.class, int.class, long.class,
      Byte.class, Short.class, Integer.class, Long.class, BigInteger.class, Year.class);
  private static final Set<Class<?>> FLOATING = Set.of(float.class, double.class, Float.class,
      Double.class, BigDecimal.class);
  private static final Set<Class<?>> ID_TYPES = Set.of(long.class, int.class, Long.class, Integer.class,
      String.class);
  private static final List<Class<? extends Annotation>> ROLES = List.of(Id.class, Version.class,
      Indexed.class, Ordered.class, Unique.class);

  private SchemaReader() {}

  /**
   * Puts every property of {@code type} into {@code kinds} and {@code javaTypes}, in declaration order:
   * the record components of a record, else the non-static, non-transient fields of the class and its
   * superclasses (superclass first). Kinds: String, char, enums, UUID, java.time types, URI -> TEXT;
   * primitive and boxed numbers, BigInteger, BigDecimal -> NUMBER; boolean -> BOOLEAN; anything else -> JSON.
   * {@link java.time.Year}, which codecs write as a number, is NUMBER.
   */
  public static void properties(Class<?> type, Map<String, Kind> kinds, Map<String, Class<?>> javaTypes) {
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        kinds.put(c.getName(), kindOf(c.getType()));
        javaTypes.put(c.getName(), c.getType());
      }
      return;
    }
    for (Class<?> c : hierarchy(type)) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
          continue;
        }
        kinds.put(f.getName(), kindOf(f.getType()));
        javaTypes.put(f.getName(), f.getType());
      }
    }
  }

  /** Returns the kind of the values of a property declared as {@code t}. */
  static Kind kindOf(Class<?> t) {
    if (t == boolean.class || t == Boolean.class) {
      return Kind.BOOLEAN;
    }
    if (INTEGRAL.contains(t) || FLOATING.contains(t)) {
      return Kind.NUMBER;
    }
    if (t == String.class || t == char.class || t == Character.class || t.isEnum() || t == UUID.class
        || t == URI.class || (!t.isArray() && t.getPackageName().equals("java.time"))) {
      return Kind.TEXT;
    }
    return Kind.JSON;
  }

  /** Returns whether a property declared as {@code t} holds whole numbers. */
  static boolean isIntegral(Class<?> t) {
    return INTEGRAL.contains(t);
  }

  /**
   * Calls {@code b.id}, {@code version}, {@code indexed}, {@code ordered}, {@code unique} for each ds
   * annotation on the fields, record components and getters of {@code type}.
   *
   * @throws io.dstruct.DsInvalidArgumentException if two properties carry {@code @Id} or {@code @Version}
   */
  public static <T> void annotations(Class<T> type, ObjectSchema.Builder<T> b) {
    Map<Class<? extends Annotation>, Set<String>> found = new LinkedHashMap<>();
    for (Class<? extends Annotation> role : ROLES) {
      found.put(role, new LinkedHashSet<>());
    }
    Map<String, Kind> kinds = new LinkedHashMap<>();
    properties(type, kinds, new LinkedHashMap<>());
    Set<String> properties = kinds.keySet();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        collect(c, c.getName(), found);
      }
    }
    for (Class<?> c : hierarchy(type)) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
          collect(f, f.getName(), found);
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
            && m.getParameterCount() == 0 && m.getReturnType() != void.class) {
          collect(m, propertyOfGetter(m, properties), found);
        }
      }
    }
    Set<String> ids = found.get(Id.class);
    Set<String> versions = found.get(Version.class);
    if (ids.size() > 1) {
      throw new DsInvalidArgumentException("ObjectSchema of " + type.getName()
          + ": more than one property carries @Id: " + quoted(ids) + "; exactly one must");
    }
    if (versions.size() > 1) {
      throw new DsInvalidArgumentException("ObjectSchema of " + type.getName()
          + ": more than one property carries @Version: " + quoted(versions) + "; at most one may");
    }
    ids.forEach(b::id);
    versions.forEach(b::version);
    b.indexed(found.get(Indexed.class).toArray(new String[0]));
    b.ordered(found.get(Ordered.class).toArray(new String[0]));
    b.unique(found.get(Unique.class).toArray(new String[0]));
  }

  private static void collect(AnnotatedElement e, String property,
      Map<Class<? extends Annotation>, Set<String>> found) {
    for (Class<? extends Annotation> role : ROLES) {
      if (e.isAnnotationPresent(role)) {
        found.get(role).add(property);
      }
    }
  }

  /**
   * Returns the property a getter reads: {@code getName()} and {@code isName()} read {@code name}, other
   * methods (record accessors) their own name. Of the spellings of {@code getURL()}, the one that is a
   * property of the class wins: {@code URL} (as java.beans has it) or {@code url} (as Jackson has it).
   */
  static String propertyOfGetter(Method m, Set<String> properties) {
    String n = m.getName();
    boolean bool = m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class;
    String rest = n.startsWith("get") && n.length() > 3 ? n.substring(3)
        : bool && n.startsWith("is") && n.length() > 2 ? n.substring(2) : null;
    if (rest == null || !Character.isUpperCase(rest.charAt(0)) || properties.contains(n)) {
      return n;
    }
    String beans = rest.length() > 1 && Character.isUpperCase(rest.charAt(1)) ? rest
        : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    int upper = 0;
    while (upper < rest.length() && Character.isUpperCase(rest.charAt(upper))) {
      upper++;
    }
    String jackson = rest.substring(0, upper).toLowerCase(Locale.ROOT) + rest.substring(upper);
    return !properties.contains(beans) && properties.contains(jackson) ? jackson : beans;
  }

  /** Returns {@code type} and its superclasses up to Object, superclass first. */
  private static List<Class<?>> hierarchy(Class<?> type) {
    Deque<Class<?>> classes = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
      classes.addFirst(c);
    }
    return new ArrayList<>(classes);
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
   *     [A-Za-z0-9_-]+. Also: an id that is indexed, ordered or unique (it is the key already), and a
   *     version that is the id. Every problem found is listed in the one message.
   */
  public static void check(Class<?> type, Map<String, Kind> kinds, Map<String, Class<?>> javaTypes,
      @Nullable String id, @Nullable String version, Set<String> indexed, Set<String> ordered,
      Set<String> unique, List<Compound> compounds) {
    Problems p = new Problems(type, kinds, javaTypes);
    for (String name : kinds.keySet()) {
      if (name.startsWith(ObjectSchema.RESERVED_PREFIX)) {
        p.add("property '" + name + "' starts with '" + ObjectSchema.RESERVED_PREFIX
            + "', the prefix of the fields that ds keeps in each object's hash");
      }
    }
    if (id == null) {
      p.add("no id property: annotate one with @Id, or name it with id(...)");
    } else if (p.exists("id property", id)) {
      if (!ID_TYPES.contains(javaTypes.get(id))) {
        p.add("id property '" + id + "' is " + p.typeOf(id) + "; an id must be long, int, Long, Integer or"
            + " String");
      }
      for (var role : List.of(Map.entry("indexed", indexed), Map.entry("ordered", ordered),
          Map.entry("unique", unique))) {
        if (role.getValue().contains(id)) {
          p.add("id property '" + id + "' is also " + role.getKey() + "; the id needs no index (objects are"
              + " found by it directly, and it is unique already)");
        }
      }
    }
    if (version != null && p.exists("version property", version)) {
      Class<?> t = javaTypes.get(version);
      if (t != long.class && t != Long.class) {
        p.add("version property '" + version + "' is " + p.typeOf(version) + "; a version must be long or"
            + " Long");
      }
      if (version.equals(id)) {
        p.add("property '" + version + "' is both the id and the version");
      }
    }
    for (String name : indexed) {
      if (p.exists("indexed property", name)) {
        p.equality("indexed property", name);
      }
    }
    for (String name : unique) {
      if (p.exists("unique property", name)) {
        p.equality("unique property", name);
      }
    }
    for (String name : ordered) {
      if (p.exists("ordered property", name)) {
        p.numeric("ordered property", name);
      }
    }
    Set<String> compoundNames = new HashSet<>();
    for (Compound c : compounds) {
      String what = "compound index '" + c.name() + "'";
      if (!COMPOUND_NAME.matcher(c.name()).matches()) {
        p.add(what + ": a compound name must be made of A-Z, a-z, 0-9, '_' and '-' (it is part of Redis"
            + " keys)");
      }
      if (!compoundNames.add(c.name())) {
        p.add(what + " is declared twice");
      }
      if (c.equalFields().isEmpty()) {
        p.add(what + " has no equal fields (for a plain range, make the property @Ordered)");
      }
      Set<String> seen = new HashSet<>();
      for (String name : c.equalFields()) {
        if (!seen.add(name)) {
          p.add(what + " lists equal field '" + name + "' twice");
        } else if (p.exists(what + ": equal field", name)) {
          p.equality(what + ": equal field", name);
        }
      }
      if (p.exists(what + ": ordered field", c.orderedField())) {
        p.numeric(what + ": ordered field", c.orderedField());
      }
    }
    p.throwIfAny();
  }

  /** The problems found in one schema, each naming its property; thrown together. */
  private static final class Problems {
    private final Class<?> type;
    private final Map<String, Kind> kinds;
    private final Map<String, Class<?>> javaTypes;
    private final List<String> found = new ArrayList<>();

    Problems(Class<?> type, Map<String, Kind> kinds, Map<String, Class<?>> javaTypes) {
      this.type = type;
      this.kinds = kinds;
      this.javaTypes = javaTypes;
    }

    void add(String problem) {
      found.add(problem);
    }

    /**
     * Returns whether {@code name} is a property; else notes the problem. {@code role} says what names it,
     * as "indexed property".
     */
    boolean exists(String role, String name) {
      if (kinds.containsKey(name)) {
        return true;
      }
      add(role + " '" + name + "' is not a property of the class (its properties: "
          + (kinds.isEmpty() ? "none" : String.join(", ", kinds.keySet())) + ")");
      return false;
    }

    /** Checks a property that an index compares for equality: text, integral or boolean. */
    void equality(String role, String name) {
      String subject = role + " '" + name + "' is " + typeOf(name);
      Class<?> t = javaTypes.get(name);
      Kind kind = kinds.get(name);
      if (FLOATING.contains(t)) {
        add(subject + ": a floating-point number cannot be indexed for equality, since equal numbers can be"
            + " written in more than one way (make it @Ordered and query a range)");
      } else if (kind == Kind.JSON) {
        add(subject + ": only strings, enums, integral numbers and booleans can be indexed");
      } else if (kind == Kind.NUMBER && !isIntegral(t)) {
        add(subject + ": only integral numbers can be indexed");
      }
      colon(role, name);
    }

    /** Checks a property that scores a sorted set: a number. */
    void numeric(String role, String name) {
      if (kinds.get(name) != Kind.NUMBER) {
        add(role + " '" + name + "' is " + typeOf(name) + ": only numbers can be ordered");
      }
      colon(role, name);
    }

    void colon(String role, String name) {
      if (name.indexOf(':') >= 0) {
        add(role + " '" + name + "' holds ':', which an indexed property's name must not (it is part of"
            + " Redis keys)");
      }
    }

    String typeOf(String name) {
      Class<?> t = javaTypes.get(name);
      return t == null ? "of unknown type" : "a " + t.getTypeName();
    }

    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new DsInvalidArgumentException("invalid ObjectSchema of " + type.getName() + ": "
            + String.join("; ", found));
      }
    }
  }

  private static String quoted(Set<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("'" + n + "'"));
    return String.join(" and ", q);
  }
}
