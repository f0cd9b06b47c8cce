package io.dstruct;

import io.dstruct.internal.Checks;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link BitmapCounter}: which resolutions it writes, the time zone and first day
 * of the week that cut time into slots, how long each resolution's slots are kept, the largest id it
 * accepts, and the clock that tells the time of {@code add(id)}.
 *
 * <p>Immutable; start from {@link #of(Resolution...)}, and each {@code with} method returns a copy.
 * The zone and the first day of the week are stored in Redis the first time the counter is written
 * (see {@link BitmapCounter}); a process that opens the same name with another zone or first day is
 * refused, so no two processes count days that begin at different instants under the same keys. The
 * other settings live in this process only.
 */
public final class BitmapCounterOptions {
  /**
   * The default {@linkplain #maxId() largest id}: 2^24 - 1 (16,777,215), so a slot takes at most 2 MB
   * and growing one holds Redis for about a millisecond.
   */
  public static final long DEFAULT_MAX_ID = (1L << 24) - 1;

  private final Set<Resolution> resolutions;
  private final ZoneId zone;
  private final DayOfWeek firstDayOfWeek;
  private final Map<Resolution, Duration> retention;
  private final Clock clock;
  private final long maxId;

  private BitmapCounterOptions(Set<Resolution> resolutions, ZoneId zone, DayOfWeek firstDayOfWeek,
      Map<Resolution, Duration> retention, Clock clock, long maxId) {
    if (resolutions.isEmpty()) {
      throw new DsInvalidArgumentException("a bitmap counter needs at least one resolution");
    }
    this.resolutions = Collections.unmodifiableSet(EnumSet.copyOf(resolutions));
    EnumMap<Resolution, Duration> kept = new EnumMap<>(Resolution.class);
    for (Map.Entry<Resolution, Duration> e : retention.entrySet()) {
      Resolution r = e.getKey();
      if (!resolutions.contains(r)) {
        throw new DsInvalidArgumentException("retention given for " + r + ", which is not a resolution of the counter "
            + this.resolutions);
      }
      kept.put(r, Checks.positive(e.getValue(), "retention of " + r));
    }
    this.retention = Collections.unmodifiableMap(kept);
    this.zone = Objects.requireNonNull(zone, "zone");
    this.firstDayOfWeek = Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxId = Checks.inRange(maxId, 0, BitmapCounter.MAX_ID, "maxId");
  }

  /**
   * Returns settings with {@code resolutions}, in UTC, weeks from MONDAY, no retention, ids up to
   * {@link #DEFAULT_MAX_ID}, on the system clock.
   *
   * @param resolutions the resolutions to write, at least one; duplicates count once
   * @return the settings
   * @throws DsInvalidArgumentException if no resolution is given
   */
  public static BitmapCounterOptions of(Resolution... resolutions) {
    return new BitmapCounterOptions(setOf(resolutions), ZoneOffset.UTC, DayOfWeek.MONDAY, Map.of(), Clock.systemUTC(),
        DEFAULT_MAX_ID);
  }

  /**
   * Returns the resolutions that {@code add} writes and that reads may ask for; at least one.
   *
   * @return the resolutions, unmodifiable and not empty
   */
  public Set<Resolution> resolutions() {
    return resolutions;
  }

  /**
   * Returns the time zone whose calendar cuts time into slots; UTC by default.
   *
   * @return the zone of the slots' calendar
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns the day each WEEK slot starts on; MONDAY by default.
   *
   * @return the first day of each week
   */
  public DayOfWeek firstDayOfWeek() {
    return firstDayOfWeek;
  }

  /**
   * Returns, for each resolution that has one, how long its slots are kept after they end; a resolution
   * without one keeps its slots until they are deleted.
   *
   * @return the retention of each resolution that has one, unmodifiable
   */
  public Map<Resolution, Duration> retention() {
    return retention;
  }

  /**
   * Returns the retention of {@code resolution}'s slots, or null when they are kept until deleted.
   *
   * @param resolution the resolution to look up
   * @return the retention, or null if the slots are kept until deleted
   */
  public @Nullable Duration retention(Resolution resolution) {
    return retention.get(resolution);
  }

  /**
   * Returns the clock that gives the time of {@code add(id)} and the other calls without an instant.
   *
   * @return the clock of the calls without an instant
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the largest id that {@code add} and {@code addAll} accept; {@link #DEFAULT_MAX_ID} by default.
   *
   * @return the largest id accepted, from 0 to {@link BitmapCounter#MAX_ID}
   */
  public long maxId() {
    return maxId;
  }

  /**
   * Returns a copy with {@code resolutions} instead; retentions of the resolutions it drops are dropped
   * too.
   *
   * @param resolutions the new resolutions, at least one
   * @return the copy
   * @throws DsInvalidArgumentException if no resolution is given
   */
  public BitmapCounterOptions withResolutions(Resolution... resolutions) {
    Set<Resolution> set = setOf(resolutions);
    EnumMap<Resolution, Duration> kept = new EnumMap<>(Resolution.class);
    retention.forEach((r, d) -> {
      if (set.contains(r)) {
        kept.put(r, d);
      }
    });
    return new BitmapCounterOptions(set, zone, firstDayOfWeek, kept, clock, maxId);
  }

  /**
   * Returns a copy whose slots follow the calendar of {@code zone}.
   *
   * @param zone the zone of the calendar, not null
   * @return the copy
   */
  public BitmapCounterOptions withZone(ZoneId zone) {
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, retention, clock, maxId);
  }

  /**
   * Returns a copy whose WEEK slots start on {@code day}.
   *
   * @param day the first day of the week, not null
   * @return the copy
   */
  public BitmapCounterOptions withFirstDayOfWeek(DayOfWeek day) {
    return new BitmapCounterOptions(resolutions, zone, day, retention, clock, maxId);
  }

  /**
   * Returns a copy that keeps each slot of {@code resolution} for {@code retention} after the slot
   * ends: every write sets the slot's expiry to its end plus {@code retention} (PEXPIREAT).
   *
   * @param resolution one of the resolutions of these settings
   * @param retention how long a slot is kept after it ends
   * @return the copy
   * @throws DsInvalidArgumentException if {@code resolution} is not one of the counter's, or {@code
   *     retention} is not between 1 ms and 10^13 ms (about 317 years)
   */
  public BitmapCounterOptions withRetention(Resolution resolution, Duration retention) {
    EnumMap<Resolution, Duration> map = new EnumMap<>(Resolution.class);
    map.putAll(this.retention);
    map.put(Objects.requireNonNull(resolution, "resolution"), Objects.requireNonNull(retention, "retention"));
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, map, clock, maxId);
  }

  /**
   * Returns a copy that tells the time with {@code clock}, for tests and simulations.
   *
   * @param clock the clock, not null
   * @return the copy
   */
  public BitmapCounterOptions withClock(Clock clock) {
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, retention, clock, maxId);
  }

  /**
   * Returns a copy that accepts ids up to {@code maxId}. A bitmap takes one bit per id up to the largest
   * id it holds, whatever the number of ids in it, so the largest id bounds the memory of every slot
   * ({@code maxId / 8} bytes) and the time one write may hold Redis while it grows a slot. For sparse
   * ids (hashes, database keys), map them to dense ones with {@link BitmapCounter#idMapper()} instead
   * of raising this.
   *
   * @param maxId the largest id accepted, from 0 to {@link BitmapCounter#MAX_ID}
   * @return the copy
   * @throws DsInvalidArgumentException if {@code maxId} is not between 0 and {@link BitmapCounter#MAX_ID}
   */
  public BitmapCounterOptions withMaxId(long maxId) {
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, retention, clock, maxId);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BitmapCounterOptions other && resolutions.equals(other.resolutions) && zone.equals(other.zone)
        && firstDayOfWeek == other.firstDayOfWeek && retention.equals(other.retention) && clock.equals(other.clock)
        && maxId == other.maxId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(resolutions, zone, firstDayOfWeek, retention, clock, maxId);
  }

  @Override
  public String toString() {
    return "BitmapCounterOptions[resolutions=" + resolutions + ", zone=" + zone + ", firstDayOfWeek=" + firstDayOfWeek
        + ", retention=" + retention + ", maxId=" + maxId + ", clock=" + clock + "]";
  }

  private static Set<Resolution> setOf(Resolution[] resolutions) {
    Set<Resolution> set = EnumSet.noneOf(Resolution.class);
    for (Resolution r : resolutions) {
      set.add(Objects.requireNonNull(r, "resolution"));
    }
    return set;
  }
}
