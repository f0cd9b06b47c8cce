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
 * of the week that cut time into slots, how long each resolution's slots are kept, and the clock
 * that tells the time of {@code add(id)}.
 *
 * <p>Immutable; each {@code with} method returns a copy. The settings live in this process only, not
 * in Redis: every process that opens the same counter name should use the same zone and first day
 * of the week, or they count days and weeks that begin at different instants under the same keys.
 *
 * @param resolutions the resolutions that {@code add} writes and that reads may ask for; at least one
 * @param zone the time zone whose calendar cuts time into slots; UTC by default
 * @param firstDayOfWeek the day each WEEK slot starts on; MONDAY by default
 * @param retention for each resolution that has one, how long its slots are kept after they end;
 *     a resolution without one keeps its slots until they are deleted
 * @param clock the clock that gives the time of {@code add(id)} and the other calls without an
 *     instant; the system clock by default
 */
public record BitmapCounterOptions(
    Set<Resolution> resolutions,
    ZoneId zone,
    DayOfWeek firstDayOfWeek,
    Map<Resolution, Duration> retention,
    Clock clock) {

  /**
   * Checks the settings and takes unmodifiable copies of the set and the map.
   *
   * @throws DsInvalidArgumentException if there is no resolution, a retention is not between 1 ms
   *     and 10^13 ms (about 317 years), or a retention is given for a resolution the counter does not have
   */
  public BitmapCounterOptions {
    Objects.requireNonNull(resolutions, "resolutions");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(clock, "clock");
    if (resolutions.isEmpty()) {
      throw new DsInvalidArgumentException("a bitmap counter needs at least one resolution");
    }
    resolutions.forEach(r -> Objects.requireNonNull(r, "resolution"));
    resolutions = Collections.unmodifiableSet(EnumSet.copyOf(resolutions));
    EnumMap<Resolution, Duration> kept = new EnumMap<>(Resolution.class);
    for (Map.Entry<Resolution, Duration> e : retention.entrySet()) {
      Resolution r = Objects.requireNonNull(e.getKey(), "resolution");
      if (!resolutions.contains(r)) {
        throw new DsInvalidArgumentException("retention given for " + r + ", which is not a resolution of the counter "
            + resolutions);
      }
      kept.put(r, Checks.positive(e.getValue(), "retention of " + r));
    }
    retention = Collections.unmodifiableMap(kept);
  }

  /**
   * Returns settings with {@code resolutions}, in UTC, weeks from MONDAY, no retention, on the system
   * clock.
   *
   * @throws DsInvalidArgumentException if no resolution is given
   */
  public static BitmapCounterOptions of(Resolution... resolutions) {
    return new BitmapCounterOptions(setOf(resolutions), ZoneOffset.UTC, DayOfWeek.MONDAY, Map.of(), Clock.systemUTC());
  }

  /** Returns the retention of {@code resolution}'s slots, or null when they are kept until deleted. */
  public @Nullable Duration retention(Resolution resolution) {
    return retention.get(resolution);
  }

  /**
   * Returns a copy with {@code resolutions} instead; retentions of the resolutions it drops are dropped
   * too.
   */
  public BitmapCounterOptions withResolutions(Resolution... resolutions) {
    Set<Resolution> set = setOf(resolutions);
    EnumMap<Resolution, Duration> kept = new EnumMap<>(Resolution.class);
    retention.forEach((r, d) -> {
      if (set.contains(r)) {
        kept.put(r, d);
      }
    });
    return new BitmapCounterOptions(set, zone, firstDayOfWeek, kept, clock);
  }

  /** Returns a copy whose slots follow the calendar of {@code zone}. */
  public BitmapCounterOptions withZone(ZoneId zone) {
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, retention, clock);
  }

  /** Returns a copy whose WEEK slots start on {@code day}. */
  public BitmapCounterOptions withFirstDayOfWeek(DayOfWeek day) {
    return new BitmapCounterOptions(resolutions, zone, day, retention, clock);
  }

  /**
   * Returns a copy that keeps each slot of {@code resolution} for {@code retention} after the slot
   * ends: every write sets the slot's expiry to its end plus {@code retention} (PEXPIREAT).
   *
   * @throws DsInvalidArgumentException if {@code resolution} is not one of the counter's, or {@code
   *     retention} is not between 1 ms and 10^13 ms (about 317 years)
   */
  public BitmapCounterOptions withRetention(Resolution resolution, Duration retention) {
    EnumMap<Resolution, Duration> map = new EnumMap<>(Resolution.class);
    map.putAll(this.retention);
    map.put(Objects.requireNonNull(resolution, "resolution"), Objects.requireNonNull(retention, "retention"));
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, map, clock);
  }

  /** Returns a copy that tells the time with {@code clock}, for tests and simulations. */
  public BitmapCounterOptions withClock(Clock clock) {
    return new BitmapCounterOptions(resolutions, zone, firstDayOfWeek, retention, clock);
  }

  private static Set<Resolution> setOf(Resolution[] resolutions) {
    Set<Resolution> set = EnumSet.noneOf(Resolution.class);
    for (Resolution r : resolutions) {
      set.add(Objects.requireNonNull(r, "resolution"));
    }
    return set;
  }
}
