package io.dstruct.internal;

import io.dstruct.DsInvalidArgumentException;
import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the structures; each throws before anything reaches Redis. */
public final class Checks {
  /** Redis's limit on the length of a string value: 512 MB. */
  public static final long MAX_STRING_BYTES = 512L * 1024 * 1024;

  private Checks() {}

  /** The longest TTL ds accepts: 10^13 ms (about 317 years), well inside what Lua numbers hold exactly. */
  public static final Duration MAX_TTL = Duration.ofMillis(10_000_000_000_000L);

  /** Returns {@code ttl} if it is at least one millisecond and at most {@link #MAX_TTL}, else throws. */
  public static Duration positive(Duration ttl, String name) {
    Objects.requireNonNull(ttl, name);
    if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0 || ttl.toMillis() < 1) {
      throw new DsInvalidArgumentException(name + " must be between 1 ms and " + MAX_TTL.toMillis() + " ms (about 317 years), got " + ttl);
    }
    return ttl;
  }

  /** Returns {@code d} if it is zero or positive, else throws. */
  public static Duration notNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new DsInvalidArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  /** Returns {@code value} if it lies in {@code [min, max]}, else throws. */
  public static long inRange(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new DsInvalidArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** Returns {@code s} if it is not empty, else throws. */
  public static String notEmpty(String s, String name) {
    if (s.isEmpty()) {
      throw new DsInvalidArgumentException(name + " must not be empty");
    }
    return s;
  }

  /** Returns {@code bytes} if Redis can store them as one string value, else throws. */
  public static byte[] storable(byte[] bytes, String redisKey) {
    if (bytes.length > MAX_STRING_BYTES) {
      throw new DsInvalidArgumentException("value for '" + redisKey + "' is " + bytes.length
          + " bytes, over Redis's 512 MB limit for a string (" + MAX_STRING_BYTES + " bytes)");
    }
    return bytes;
  }
}
