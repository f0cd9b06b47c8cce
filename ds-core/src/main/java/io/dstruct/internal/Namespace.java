package io.dstruct.internal;

import io.dstruct.DsInvalidArgumentException;
import java.util.Objects;

/**
 * A validated namespace: the prefix {@code ns:} of every key of a structure, and its SCAN pattern.
 *
 * <p>Braces are refused because they would change the Redis Cluster hash tag of every key; the glob
 * characters {@code * ? [ ] \} are allowed and escaped in the MATCH pattern.
 */
public record Namespace(String name, String prefix, String pattern) {

  /** Validates {@code name} and derives its key prefix and SCAN MATCH pattern. */
  public static Namespace of(String name) {
    Objects.requireNonNull(name, "namespace");
    Checks.notEmpty(name, "namespace");
    if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new DsInvalidArgumentException(
          "namespace must not contain '{' or '}', which would change Redis Cluster hash tags: " + name);
    }
    String prefix = name + ":";
    return new Namespace(name, prefix, escapeGlob(prefix) + "*");
  }

  /** Returns the Redis key of {@code key} in this namespace. */
  public String key(String key) {
    return prefix + Objects.requireNonNull(key, "key");
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
