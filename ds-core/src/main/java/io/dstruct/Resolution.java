package io.dstruct;

/**
 * The length of a {@link BitmapCounter}'s time slots: a minute, an hour, a day, a week or a month of
 * the counter's time zone.
 *
 * <p>Slots follow the wall clock of the zone, so a day is the calendar day (23 or 25 hours long on
 * the days daylight saving time starts or ends), a week starts on the counter's first day of the
 * week, and a month is the calendar month. A minute or an hour is one minute or hour of local time
 * at one UTC offset: when the clocks go back, the repeated hour is two slots, one per offset.
 */
public enum Resolution {
  /** One minute of local time at one UTC offset. */
  MINUTE,
  /** One hour of local time at one UTC offset. */
  HOUR,
  /** One calendar day, from local midnight (or the first instant of the day) to the next. */
  DAY,
  /** Seven calendar days, from the counter's first day of the week. */
  WEEK,
  /** One calendar month. */
  MONTH;

  /**
   * Returns whether every slot of this resolution lies inside one slot of {@code coarse}, so that
   * {@link BitmapCounter#rollup} can build a {@code coarse} slot from slots of this one.
   *
   * <p>True for a finer resolution, except WEEK in MONTH: a week can straddle two months. False
   * for the same resolution.
   *
   * @param coarse the resolution to build
   * @return true if a {@code coarse} slot can be rolled up from slots of this resolution
   */
  public boolean nestsIn(Resolution coarse) {
    return ordinal() < coarse.ordinal() && !(this == WEEK && coarse == MONTH);
  }
}
