package io.dstruct.internal;

import io.dstruct.DsInvalidArgumentException;
import java.util.Objects;

/**
 * The key space of one structure other than a Dict: the only place that builds their Redis key names.
 *
 * <p>The main key is {@code {name}:<kind>}; every other key of the structure is a sub-key {@code
 * {name}:<kind>:<part>[:<part>...]} from {@link #sub}. The braces make the name the Redis Cluster hash
 * tag, so all keys of one structure live in one slot and a script may touch them together. The kind
 * keeps structures of different kinds but the same name apart, and the leading brace keeps them apart
 * from every Dict key (a Dict namespace may not hold braces; see {@link Namespace}).
 *
 * <p>Immutable and cheap; structures build one in their constructor.
 */
public final class Keys {
  private final String name;
  private final String key;

  private Keys(String name, String key) {
    this.name = name;
    this.key = key;
  }

  /**
   * Returns the key space {@code {name}:kind} after checking that {@code name} is not empty and holds
   * no brace.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  public static Keys of(String name, String kind) {
    Objects.requireNonNull(name, "name");
    Checks.notEmpty(name, "name");
    if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new DsInvalidArgumentException("name must not contain '{' or '}': " + name);
    }
    return new Keys(name, "{" + name + "}:" + kind);
  }

  /** Returns the structure's name, the hash tag of all its keys. */
  public String name() {
    return name;
  }

  /** Returns the main key, {@code {name}:kind}. */
  public String key() {
    return key;
  }

  /** Returns the sub-key {@code {name}:kind:part[:part...]}, in the same hash slot as {@link #key()}. */
  public String sub(String... parts) {
    StringBuilder b = new StringBuilder(key);
    for (String part : parts) {
      b.append(':').append(Objects.requireNonNull(part, "part"));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return key;
  }
}
