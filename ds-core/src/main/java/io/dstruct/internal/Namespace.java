package io.dstruct.internal;

import io.dstruct.DsInvalidArgumentException;
import java.util.Objects;

/**
 * The key space of one Dict: the only place that builds a Dict's Redis key names. A validated
 * namespace, the prefix {@code ns:} of every key, and its SCAN pattern.
 *
 * <p>Braces are refused because they would change the Redis Cluster hash tag of every key; the glob
 * characters {@code * ? [ ] \} are allowed and escaped in the MATCH pattern.
 *
 * <p>In redis-dict's format the namespace {@code a} owns every key that starts with {@code a:}, so it
 * also holds the keys {@code a:b:x} of the namespace {@code a:b}. A <em>strict</em> namespace owns
 * only the keys with no further {@code ':'} after its prefix: it refuses entry keys that contain
 * {@code ':'}, and its scans skip the keys of nested namespaces.
 */
public record Namespace(String name, String prefix, String pattern, boolean strict) {

  /** Validates {@code name} and derives its key prefix and SCAN MATCH pattern; not strict. */
  public static Namespace of(String name) {
    return of(name, false);
  }

  /** Validates {@code name} and derives its key prefix and SCAN MATCH pattern. */
  public static Namespace of(String name, boolean strict) {
    Objects.requireNonNull(name, "namespace");
    Checks.notEmpty(name, "namespace");
    if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new DsInvalidArgumentException(
          "namespace must not contain '{' or '}', which would change Redis Cluster hash tags: " + name);
    }
    String prefix = name + ":";
    return new Namespace(name, prefix, escapeGlob(prefix) + "*", strict);
  }

  /**
   * Returns the Redis key of {@code key} in this namespace.
   *
   * @throws DsInvalidArgumentException if the namespace is strict and {@code key} contains {@code ':'}
   */
  public String key(String key) {
    Objects.requireNonNull(key, "key");
    if (strict && key.indexOf(':') >= 0) {
      throw new DsInvalidArgumentException("the strict namespace '" + name
          + "' refuses a key with ':', which would be an entry of a nested namespace: " + key);
    }
    return prefix + key;
  }

  /** Returns whether {@code redisKey}, which matched {@link #pattern()}, is an entry of this namespace. */
  public boolean owns(String redisKey) {
    return !strict || redisKey.indexOf(':', prefix.length()) < 0;
  }

  /** Returns the entry key of a Redis key of this namespace. */
  public String entryKey(String redisKey) {
    return redisKey.substring(prefix.length());
  }

  /** Escapes the characters that SCAN MATCH treats as a pattern. */
  static String escapeGlob(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
