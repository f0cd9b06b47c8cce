package io.dstruct;

import io.dstruct.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an {@link ObjectStore}: the default time to live of its objects, its change feed, how many
 * expired objects each write sweeps, and the clock that tells when objects expire.
 *
 * <p>Immutable; start from {@link #defaults()}, and each {@code with} method returns a copy. The settings
 * live in this process only: processes that share a store should agree on them.
 */
public final class ObjectStoreOptions {
  /** The default number of expired objects that each write also removes. */
  public static final int DEFAULT_SWEEP = 16;

  private final @Nullable Duration defaultTtl;
  private final long changeFeedLength;
  private final int sweep;
  private final Clock clock;

  private ObjectStoreOptions(@Nullable Duration defaultTtl, long changeFeedLength, int sweep, Clock clock) {
    this.defaultTtl = defaultTtl;
    this.changeFeedLength = changeFeedLength;
    this.sweep = sweep;
    this.clock = clock;
  }

  /**
   * Returns the defaults: no TTL, no change feed, a sweep of {@value #DEFAULT_SWEEP}, the system UTC clock.
   *
   * @return the default options
   */
  public static ObjectStoreOptions defaults() {
    return new ObjectStoreOptions(null, 0, DEFAULT_SWEEP, Clock.systemUTC());
  }

  /**
   * Returns the time to live of objects saved without one, or null when they live until deleted.
   *
   * @return the default TTL, or null for none
   */
  public @Nullable Duration defaultTtl() {
    return defaultTtl;
  }

  /**
   * Returns about how many entries the change feed keeps, or 0 when there is no feed.
   *
   * @return the feed's approximate length, 0 when it is off
   */
  public long changeFeedLength() {
    return changeFeedLength;
  }

  /**
   * Returns how many expired objects each write removes, at most.
   *
   * @return the sweep, 0 to 1,000
   */
  public int sweep() {
    return sweep;
  }

  /**
   * Returns the clock that tells when objects expire.
   *
   * @return the clock, the system UTC clock by default
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns a copy whose objects saved without a TTL live for {@code ttl}.
   *
   * @param ttl the time to live of objects saved without one, positive
   * @return a new options object; this one is unchanged
   * @throws DsInvalidArgumentException if {@code ttl} is not positive
   */
  public ObjectStoreOptions withDefaultTtl(Duration ttl) {
    return new ObjectStoreOptions(Checks.positive(ttl, "ttl"), changeFeedLength, sweep, clock);
  }

  /**
   * Returns a copy whose writes append {@code id, op, version} to the stream {@code {name}:changes},
   * trimmed to about {@code length} entries; 0 turns the feed off.
   *
   * @param length about how many entries the feed keeps; 0 for no feed
   * @return a new options object; this one is unchanged
   * @throws DsInvalidArgumentException if {@code length} is negative
   */
  public ObjectStoreOptions withChangeFeed(long length) {
    return new ObjectStoreOptions(defaultTtl, Checks.inRange(length, 0, Long.MAX_VALUE, "length"), sweep, clock);
  }

  /**
   * Returns a copy whose writes each remove up to {@code n} expired objects (0 leaves them all to {@link
   * ObjectStore#purgeExpired()}).
   *
   * @param n the most expired objects each write removes, 0 to 1,000
   * @return a new options object; this one is unchanged
   * @throws DsInvalidArgumentException if {@code n} is not between 0 and 1,000
   */
  public ObjectStoreOptions withSweep(int n) {
    return new ObjectStoreOptions(defaultTtl, changeFeedLength, (int) Checks.inRange(n, 0, 1000, "sweep"), clock);
  }

  /**
   * Returns a copy that reads the time from {@code clock}.
   *
   * @param clock the clock that tells when objects expire, such as a fixed one in tests
   * @return a new options object; this one is unchanged
   */
  public ObjectStoreOptions withClock(Clock clock) {
    return new ObjectStoreOptions(defaultTtl, changeFeedLength, sweep, Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public String toString() {
    return "ObjectStoreOptions(defaultTtl=" + defaultTtl + ", changeFeed=" + changeFeedLength + ", sweep=" + sweep
        + ", clock=" + clock + ")";
  }
}
