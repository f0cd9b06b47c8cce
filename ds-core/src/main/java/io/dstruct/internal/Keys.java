package io.dstruct.internal;

import io.dstruct.DsInvalidArgumentException;
import java.util.Objects;

/**
 * The Redis keys of the structures other than Dict: {@code {name}:<kind>}, plus sub-keys
 * {@code {name}:<kind>:<part>}.
 *
 * <p>The braces make the name the Redis Cluster hash tag, so all keys of one structure live in one
 * slot and a script may touch them together. The kind keeps structures of different kinds but the same
 * name apart, and a leading brace keeps them apart from every Dict key (a Dict namespace may not hold
 * braces).
 */
public final class Keys {
  private Keys() {}

  /** Returns {@code {name}:kind} after checking that {@code name} is not empty and holds no brace. */
  public static String of(String name, String kind) {
    Objects.requireNonNull(name, "name");
    Checks.notEmpty(name, "name");
    if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new DsInvalidArgumentException("name must not contain '{' or '}': " + name);
    }
    return "{" + name + "}:" + kind;
  }
}
