package io.dstruct;

import java.time.Duration;
import io.dstruct.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@link Dict}: its default TTL, whether updates keep an entry's TTL, and whether
 * its namespace is strict.
 *
 * <p>Immutable; each {@code with} method returns a copy.
 */
public final class DictOptions {
  private static final DictOptions DEFAULTS = new DictOptions(null, false, false);

  private final @Nullable Duration defaultTtl;
  private final boolean keepTtlOnUpdate;
  private final boolean strictNamespace;

  private DictOptions(@Nullable Duration defaultTtl, boolean keepTtlOnUpdate, boolean strictNamespace) {
    this.defaultTtl = defaultTtl;
    this.keepTtlOnUpdate = keepTtlOnUpdate;
    this.strictNamespace = strictNamespace;
  }

  /**
   * Returns the defaults: no TTL, an update resets the TTL as a plain Redis SET does, and the namespace
   * is not strict (it holds every key under {@code namespace:}, as redis-dict's does).
   *
   * @return the default settings, shared
   */
  public static DictOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy whose writes get {@code ttl} unless the call or a {@link Dict#withTtl} scope says
   * otherwise.
   *
   * @param ttl the default time to live, positive
   * @return the copy
   * @throws DsInvalidArgumentException if {@code ttl} is not positive
   */
  public DictOptions withDefaultTtl(Duration ttl) {
    return new DictOptions(Checks.positive(ttl, "defaultTtl"), keepTtlOnUpdate, strictNamespace);
  }

  /**
   * Returns a copy in which a write without an explicit or scoped TTL keeps the remaining TTL of an
   * entry that already exists (Redis's SET KEEPTTL). New entries still get the default TTL.
   *
   * @param keep whether updates keep an existing entry's TTL
   * @return the copy
   */
  public DictOptions withKeepTtlOnUpdate(boolean keep) {
    return new DictOptions(defaultTtl, keep, strictNamespace);
  }

  /**
   * Returns a copy whose namespace is strict or not.
   *
   * <p>A Dict of the namespace {@code a} holds every key that starts with {@code a:}, so by default it
   * also sees, counts and clears the entries {@code a:b:x} of the Dict {@code a:b} (redis-dict's wire
   * format has no way to tell them apart). A strict Dict owns only the keys with no further {@code ':'}
   * after {@code a:}: it refuses an entry key that contains {@code ':'} with {@link
   * DsInvalidArgumentException} before anything is sent, and its size, iteration, {@code clear()} and
   * {@code delete()} skip the keys of nested namespaces. Entries that redis-dict (Python) writes with a
   * {@code ':'} in their key are then invisible to it.
   *
   * @param strict whether the namespace owns only the keys without a further {@code ':'}
   * @return the copy
   */
  public DictOptions withStrictNamespace(boolean strict) {
    return new DictOptions(defaultTtl, keepTtlOnUpdate, strict);
  }

  /**
   * Returns the default TTL, or null when entries do not expire by default.
   *
   * @return the default TTL, or null
   */
  public @Nullable Duration defaultTtl() {
    return defaultTtl;
  }

  /**
   * Returns whether updates keep the TTL of existing entries.
   *
   * @return true if updates keep the TTL of existing entries
   */
  public boolean keepTtlOnUpdate() {
    return keepTtlOnUpdate;
  }

  /**
   * Returns whether the namespace is strict: see {@link #withStrictNamespace}.
   *
   * @return true if the namespace is strict
   */
  public boolean strictNamespace() {
    return strictNamespace;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DictOptions other
        && Objects.equals(defaultTtl, other.defaultTtl)
        && keepTtlOnUpdate == other.keepTtlOnUpdate
        && strictNamespace == other.strictNamespace;
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultTtl, keepTtlOnUpdate, strictNamespace);
  }

  @Override
  public String toString() {
    return "DictOptions{defaultTtl=" + defaultTtl + ", keepTtlOnUpdate=" + keepTtlOnUpdate
        + ", strictNamespace=" + strictNamespace + "}";
  }
}
