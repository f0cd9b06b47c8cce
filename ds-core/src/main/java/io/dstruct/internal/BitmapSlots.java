package io.dstruct.internal;

import io.dstruct.BitmapSlot;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.Resolution;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The time slots of a BitmapCounter: which slot holds an instant, and the Redis key of each slot.
 *
 * <p>Slots of one resolution tile the time line: each ends where the next starts. A MINUTE or HOUR slot
 * is the time during which the zone shows one local minute or hour at one UTC offset, so the key holds
 * the offset ({@code hour:2026-11-01T01:00-04:00}) and the hour repeated when clocks go back is two
 * slots. A DAY, WEEK or MONTH slot runs from the first instant of its first local date to the first
 * instant of the next one; an instant belongs to the slot whose interval holds it, which in the rare
 * zones that set clocks back across midnight is not always the slot of its local date.
 */
public final class BitmapSlots {
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private final Keys keys;
  private final ZoneId zone;
  private final ZoneRules rules;
  private final DayOfWeek firstDayOfWeek;

  /** Creates the slots of the counter whose keys are sub-keys of {@code keys} ({@code {name}:bitmap}). */
  public BitmapSlots(Keys keys, ZoneId zone, DayOfWeek firstDayOfWeek) {
    this.keys = keys;
    this.zone = zone;
    this.rules = zone.getRules();
    this.firstDayOfWeek = firstDayOfWeek;
  }

  /**
   * Returns the slot of {@code resolution} that holds {@code at}.
   *
   * @throws DsInvalidArgumentException if {@code at} is outside the years 1 to 9999 of the zone
   */
  public BitmapSlot of(Resolution resolution, Instant at) {
    ZonedDateTime local = local(at);
    return switch (resolution) {
      case MINUTE -> clock(resolution, at, local, ChronoUnit.MINUTES);
      case HOUR -> clock(resolution, at, local, ChronoUnit.HOURS);
      case DAY -> calendar(resolution, at, local.toLocalDate(), d -> d.plusDays(1), d -> d.minusDays(1));
      case WEEK -> calendar(resolution, at, local.toLocalDate().with(TemporalAdjusters.previousOrSame(firstDayOfWeek)),
          d -> d.plusWeeks(1), d -> d.minusWeeks(1));
      case MONTH -> calendar(resolution, at, local.toLocalDate().withDayOfMonth(1),
          d -> d.plusMonths(1), d -> d.minusMonths(1));
    };
  }

  /**
   * Returns the slots from the one that holds {@code from} to the one that holds {@code to}.
   *
   * @throws DsInvalidArgumentException if {@code from} is after {@code to} or there are more than
   *     {@code max} slots
   */
  public List<BitmapSlot> between(Resolution resolution, Instant from, Instant to, int max) {
    if (from.isAfter(to)) {
      throw new DsInvalidArgumentException("the range is empty: from " + from + " is after to " + to);
    }
    local(to);
    List<BitmapSlot> out = new ArrayList<>();
    BitmapSlot slot = of(resolution, from);
    while (true) {
      out.add(slot);
      if (to.isBefore(slot.end())) {
        return out;
      }
      if (out.size() >= max) {
        throw new DsInvalidArgumentException("the range from " + from + " to " + to + " has more than " + max
            + " slots of " + resolution);
      }
      slot = of(resolution, slot.end());
    }
  }

  /**
   * Returns the slot that holds {@code start} and the {@code n - 1} slots after it.
   *
   * @throws DsInvalidArgumentException if {@code n} is not between 1 and {@code max}
   */
  public List<BitmapSlot> following(Resolution resolution, Instant start, int n, int max) {
    Checks.inRange(n, 1, max, "n");
    List<BitmapSlot> out = new ArrayList<>(n);
    BitmapSlot slot = of(resolution, start);
    out.add(slot);
    while (out.size() < n) {
      slot = of(resolution, slot.end());
      out.add(slot);
    }
    return out;
  }

  /** Returns {@code at} in the zone, after checking that its year is 1 to 9999 there. */
  private ZonedDateTime local(Instant at) {
    ZonedDateTime z;
    try {
      z = at.atZone(zone);
    } catch (DateTimeException e) {
      z = null;
    }
    if (z == null || z.getYear() < MIN_YEAR || z.getYear() > MAX_YEAR) {
      throw new DsInvalidArgumentException("instant " + at + " is outside the years " + MIN_YEAR + " to " + MAX_YEAR
          + " in " + zone);
    }
    return z;
  }

  /**
   * A MINUTE or HOUR slot: one local minute or hour at one offset. It starts at the local time
   * truncated to the unit, or at the offset change that began the offset, whichever is later, and
   * ends one unit after that local start, or at the next offset change, whichever is earlier.
   */
  private BitmapSlot clock(Resolution resolution, Instant at, ZonedDateTime local, ChronoUnit unit) {
    ZoneOffset offset = local.getOffset();
    LocalDateTime wall = local.toLocalDateTime().truncatedTo(unit);
    Instant start = wall.toInstant(offset);
    Instant end = start.plus(Duration.of(1, unit));
    ZoneOffsetTransition before = rules.previousTransition(at.plusNanos(1));
    if (before != null && before.getInstant().isAfter(start)) {
      start = before.getInstant();
    }
    ZoneOffsetTransition after = rules.nextTransition(at);
    if (after != null && after.getInstant().isBefore(end)) {
      end = after.getInstant();
    }
    String label = wall + offset.getId();
    return new BitmapSlot(resolution, start, end, keys.sub(name(resolution), label));
  }

  /**
   * A DAY, WEEK or MONTH slot: from the first instant of {@code first} to the first instant of {@code
   * next.apply(first)}, moved by one period when {@code at} falls outside it (clocks set back across
   * midnight).
   */
  private BitmapSlot calendar(Resolution resolution, Instant at, LocalDate first,
      UnaryOperator<LocalDate> next, UnaryOperator<LocalDate> previous) {
    LocalDate date = first;
    while (at.isBefore(startOf(date))) {
      date = previous.apply(date);
    }
    while (!at.isBefore(startOf(next.apply(date)))) {
      date = next.apply(date);
    }
    String label = resolution == Resolution.MONTH ? YearMonth.from(date).toString() : date.toString();
    return new BitmapSlot(resolution, startOf(date), startOf(next.apply(date)),
        keys.sub(name(resolution), label));
  }

  private Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  private static String name(Resolution resolution) {
    return switch (resolution) {
      case MINUTE -> "minute";
      case HOUR -> "hour";
      case DAY -> "day";
      case WEEK -> "week";
      case MONTH -> "month";
    };
  }
}
