package io.dstruct;

import io.dstruct.internal.store.SchemaReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the objects of an {@link ObjectStore} are stored and indexed: their codec, their properties, which one
 * is the id, which are indexed, ordered or unique, and the compound indexes.
 *
 * <p>Get one from the annotations of a class with {@link #of(Class)}, or build it in code for a class you
 * cannot annotate, in the style of Kickass-Redis's key specs:
 *
 * <pre>{@code
 * ObjectSchema<Order> orders = ObjectSchema.builder(Order.class)
 *     .id("id").indexed("tenant", "status").ordered("createdAt")
 *     .compound("tenant_status_by_createdAt", List.of("tenant", "status"), "createdAt")
 *     .build();
 * }</pre>
 *
 * <p>The codec turns an object into a JSON object and back; each top-level member becomes one field of
 * the object's Redis hash. {@link #of(Class)} uses Jackson 3 (which must be on the class path); Kotlin
 * {@code @Serializable} classes get a kotlinx-serialization codec from ds-coroutines. Every property type is
 * read from the class's fields, so a schema is checked when it is built: an index on a property the class
 * does not have, or of a type that cannot be indexed, is refused there.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the objects
 */
public final class ObjectSchema<T> {
  /** The prefix of the field names that ds keeps in an object's hash; no property may start with it. */
  public static final String RESERVED_PREFIX = "_ds";

  /** The longest an indexed or unique value may be, in UTF-8 bytes: it becomes part of a Redis key. */
  public static final int MAX_INDEXED_BYTES = 1024;

  /** The kinds of the values of a property, as its hash field holds them. */
  public enum Kind {
    /** A string (or enum, UUID, date...), stored as its plain text. */
    TEXT,
    /** A number, stored as its decimal text. */
    NUMBER,
    /** A boolean, stored as {@code true} or {@code false}. */
    BOOLEAN,
    /** Anything else (objects, arrays), stored as JSON text. */
    JSON
  }

  /**
   * A compound index: objects with equal values of every one of {@link #equalFields()} in one sorted set,
   * scored by {@link #orderedField()}. It answers "the latest 20 of this tenant in this status" in
   * O(log N + k).
   *
   * @param name the index's name, unique in the schema; part of its Redis keys
   * @param equalFields the properties compared for equality, in key order
   * @param orderedField the numeric property that scores the set
   */
  public record Compound(String name, List<String> equalFields, String orderedField) {
    /**
     * Creates a compound index; the list is copied.
     *
     * @param name the index's name, unique in the schema
     * @param equalFields the properties compared for equality, in key order
     * @param orderedField the numeric property that scores the set
     */
    public Compound {
      equalFields = List.copyOf(equalFields);
    }
  }

  private final Class<T> type;
  private final Codec<T> codec;
  private final Map<String, Kind> properties;
  private final Map<String, Class<?>> javaTypes;
  private final String id;
  private final @Nullable String version;
  private final Set<String> indexed;
  private final Set<String> ordered;
  private final Set<String> unique;
  private final List<Compound> compounds;

  private ObjectSchema(Builder<T> b) {
    this.type = b.type;
    this.codec = b.codec;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    this.javaTypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.javaTypes));
    this.id = Objects.requireNonNull(b.id, "id");
    this.version = b.version;
    this.indexed = Collections.unmodifiableSet(new LinkedHashSet<>(b.indexed));
    this.ordered = Collections.unmodifiableSet(new LinkedHashSet<>(b.ordered));
    this.unique = Collections.unmodifiableSet(new LinkedHashSet<>(b.unique));
    this.compounds = List.copyOf(b.compounds);
  }

  /**
   * Returns the schema that the annotations of {@code type} declare ({@link Id}, {@link Indexed}, {@link
   * Ordered}, {@link Unique}, {@link Version}), with a Jackson 3 codec.
   *
   * @param <T> the type of the objects
   * @param type the annotated class of the objects
   * @return the schema, checked against the class
   * @throws DsInvalidArgumentException if the class has no {@code @Id} or two, or an annotation is on a
   *     property of a type it cannot take, or a property name starts with {@link #RESERVED_PREFIX}
   * @throws IllegalStateException if Jackson 3 is not on the class path
   */
  public static <T> ObjectSchema<T> of(Class<T> type) {
    return of(type, Codecs.json(type));
  }

  /**
   * Returns the schema that the annotations of {@code type} declare, with {@code codec} (JSON objects).
   *
   * @param <T> the type of the objects
   * @param type the annotated class of the objects
   * @param codec the codec between objects and JSON objects
   * @return the schema, checked against the class
   */
  public static <T> ObjectSchema<T> of(Class<T> type, Codec<T> codec) {
    Builder<T> b = builder(type, codec);
    SchemaReader.annotations(type, b);
    return b.build();
  }

  /**
   * Starts a schema of {@code type} built in code, with a Jackson 3 codec; annotations are ignored.
   *
   * @param <T> the type of the objects
   * @param type the class of the objects
   * @return a builder with no id and no index yet
   */
  public static <T> Builder<T> builder(Class<T> type) {
    return builder(type, Codecs.json(type));
  }

  /**
   * Starts a schema of {@code type} built in code, with {@code codec}, which must write each object as a
   * JSON object whose members are the properties; annotations are ignored.
   *
   * @param <T> the type of the objects
   * @param type the class of the objects
   * @param codec the codec between objects and JSON objects
   * @return a builder with no id and no index yet
   */
  public static <T> Builder<T> builder(Class<T> type, Codec<T> codec) {
    return new Builder<>(type, codec);
  }

  /**
   * Returns the class of the objects.
   *
   * @return the class the schema describes
   */
  public Class<T> type() {
    return type;
  }

  /**
   * Returns the codec between objects and JSON objects.
   *
   * @return the codec, Jackson 3 unless one was given
   */
  public Codec<T> codec() {
    return codec;
  }

  /**
   * Returns every property and the kind of its values, in declaration order.
   *
   * @return each property's name and kind, unmodifiable
   */
  public Map<String, Kind> properties() {
    return properties;
  }

  /**
   * Returns the Java type of each property, as declared by its field.
   *
   * @return each property's name and declared type, unmodifiable
   */
  public Map<String, Class<?>> javaTypes() {
    return javaTypes;
  }

  /**
   * Returns the id property.
   *
   * @return the name of the id property
   */
  public String id() {
    return id;
  }

  /**
   * Returns the version property, or null when objects have none.
   *
   * @return the name of the version property, or null
   */
  public @Nullable String version() {
    return version;
  }

  /**
   * Returns the properties indexed for equality.
   *
   * @return their names, unmodifiable
   */
  public Set<String> indexed() {
    return indexed;
  }

  /**
   * Returns the ordered (numeric, range and sort) properties.
   *
   * @return their names, unmodifiable
   */
  public Set<String> ordered() {
    return ordered;
  }

  /**
   * Returns the unique properties.
   *
   * @return their names, unmodifiable
   */
  public Set<String> unique() {
    return unique;
  }

  /**
   * Returns the compound indexes.
   *
   * @return the compound indexes, unmodifiable, in the order declared
   */
  public List<Compound> compounds() {
    return compounds;
  }

  @Override
  public String toString() {
    return "ObjectSchema(" + type.getName() + ", id=" + id + ", indexed=" + indexed + ", ordered=" + ordered
        + ", unique=" + unique + ", compounds=" + compounds + (version == null ? "" : ", version=" + version) + ")";
  }

  /**
   * Builds an {@link ObjectSchema}: name the id, the indexes and the version; {@link #build()} checks them
   * against the class's properties.
   *
   * @param <T> the type of the objects
   */
  public static final class Builder<T> {
    private final Class<T> type;
    private final Codec<T> codec;
    private final Map<String, Kind> properties = new LinkedHashMap<>();
    private final Map<String, Class<?>> javaTypes = new LinkedHashMap<>();
    private @Nullable String id;
    private @Nullable String version;
    private final Set<String> indexed = new LinkedHashSet<>();
    private final Set<String> ordered = new LinkedHashSet<>();
    private final Set<String> unique = new LinkedHashSet<>();
    private final List<Compound> compounds = new ArrayList<>();

    private Builder(Class<T> type, Codec<T> codec) {
      this.type = Objects.requireNonNull(type, "type");
      this.codec = Objects.requireNonNull(codec, "codec");
      SchemaReader.properties(type, properties, javaTypes);
    }

    /**
     * Sets the id property.
     *
     * @param property the name of the id property
     * @return this builder
     */
    public Builder<T> id(String property) {
      this.id = Objects.requireNonNull(property, "property");
      return this;
    }

    /**
     * Sets the version property, a {@code long}.
     *
     * @param property the name of the version property
     * @return this builder
     */
    public Builder<T> version(String property) {
      this.version = Objects.requireNonNull(property, "property");
      return this;
    }

    /**
     * Indexes {@code properties} for equality.
     *
     * @param properties the names of the properties
     * @return this builder
     */
    public Builder<T> indexed(String... properties) {
      indexed.addAll(List.of(properties));
      return this;
    }

    /**
     * Makes {@code properties} ordered: numeric, for ranges and sorting.
     *
     * @param properties the names of the properties
     * @return this builder
     */
    public Builder<T> ordered(String... properties) {
      ordered.addAll(List.of(properties));
      return this;
    }

    /**
     * Makes {@code properties} unique.
     *
     * @param properties the names of the properties
     * @return this builder
     */
    public Builder<T> unique(String... properties) {
      unique.addAll(List.of(properties));
      return this;
    }

    /**
     * Adds the compound index {@code name}: equality on {@code equalFields}, scored by {@code orderedField}.
     *
     * @param name the index's name, unique in the schema
     * @param equalFields the properties compared for equality, in key order
     * @param orderedField the numeric property that scores the index
     * @return this builder
     */
    public Builder<T> compound(String name, List<String> equalFields, String orderedField) {
      compounds.add(new Compound(name, equalFields, orderedField));
      return this;
    }

    /**
     * Returns the schema, after checking it against the class.
     *
     * @return the schema
     * @throws DsInvalidArgumentException if there is no id, a named property does not exist or has a type
     *     its role cannot take, a property name starts with {@link #RESERVED_PREFIX}, or two compound
     *     indexes share a name
     */
    public ObjectSchema<T> build() {
      SchemaReader.check(type, properties, javaTypes, id, version, indexed, ordered, unique, compounds);
      return new ObjectSchema<>(this);
    }
  }
}
