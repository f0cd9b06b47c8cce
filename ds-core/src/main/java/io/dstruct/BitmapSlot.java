package io.dstruct;

import java.time.Instant;

/**
 * One time slot of a {@link BitmapCounter}: the span of time that one Redis bitmap counts.
 *
 * <p>A slot runs from {@code start} inclusive to {@code end} exclusive. Its Redis key names its
 * resolution and its start in local time, such as {@code {visits}:bitmap:day:2026-11-24} or
 * {@code {visits}:bitmap:hour:2026-11-01T01:00-04:00}; see {@link BitmapCounter} for the layout.
 *
 * @param resolution the resolution of the slot
 * @param start the first instant of the slot
 * @param end the first instant after the slot, which is the start of the next slot
 * @param redisKey the Redis key of the slot's bitmap
 */
public record BitmapSlot(Resolution resolution, Instant start, Instant end, String redisKey) {
  /**
   * Returns whether {@code at} lies in this slot.
   *
   * @param at the instant to test
   * @return true if {@code at} is at or after {@code start} and before {@code end}
   */
  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
