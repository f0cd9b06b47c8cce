package io.dstruct;

import java.time.Duration;
import io.dstruct.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@link Dict}: its default TTL and whether updates keep an entry's TTL.
 *
 * <p>Immutable; each {@code with} method returns a copy.
 */
public final class DictOptions {
  private static final DictOptions DEFAULTS = new DictOptions(null, false);

  private final @Nullable Duration defaultTtl;
  private final boolean keepTtlOnUpdate;

  private DictOptions(@Nullable Duration defaultTtl, boolean keepTtlOnUpdate) {
    this.defaultTtl = defaultTtl;
    this.keepTtlOnUpdate = keepTtlOnUpdate;
  }

  /** Returns the defaults: no TTL, and an update resets the TTL as a plain Redis SET does. */
  public static DictOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy whose writes get {@code ttl} unless the call or a {@link Dict#withTtl} scope says
   * otherwise.
   *
   * @throws DsInvalidArgumentException if {@code ttl} is not positive
   */
  public DictOptions withDefaultTtl(Duration ttl) {
    return new DictOptions(Checks.positive(ttl, "defaultTtl"), keepTtlOnUpdate);
  }

  /**
   * Returns a copy in which a write without an explicit or scoped TTL keeps the remaining TTL of an
   * entry that already exists (Redis's SET KEEPTTL). New entries still get the default TTL.
   */
  public DictOptions withKeepTtlOnUpdate(boolean keep) {
    return new DictOptions(defaultTtl, keep);
  }

  /** Returns the default TTL, or null when entries do not expire by default. */
  public @Nullable Duration defaultTtl() {
    return defaultTtl;
  }

  /** Returns whether updates keep the TTL of existing entries. */
  public boolean keepTtlOnUpdate() {
    return keepTtlOnUpdate;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DictOptions other
        && Objects.equals(defaultTtl, other.defaultTtl)
        && keepTtlOnUpdate == other.keepTtlOnUpdate;
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultTtl, keepTtlOnUpdate);
  }

  @Override
  public String toString() {
    return "DictOptions{defaultTtl=" + defaultTtl + ", keepTtlOnUpdate=" + keepTtlOnUpdate + "}";
  }
}
