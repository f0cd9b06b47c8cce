package io.dstruct;

import io.dstruct.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a message sent with {@link Connector#send(String, Object, SendOptions)} may be delivered: at once, after
 * a delay, or from an instant on.
 *
 * <p>A delayed message waits in the receiving connector's delayed set and is never delivered before it is due,
 * by the Redis server's clock (one clock for every process, whatever their own clocks say). It is delivered
 * once it is due and a receiver asks, at most about one receiver's polling step (one second) late. Immutable.
 */
public final class SendOptions {
  private static final SendOptions NOW = new SendOptions(Duration.ZERO, null);
  /** The latest instant a message may be due: 10^13 ms after the epoch (the year 2286). */
  private static final long MAX_EPOCH_MILLIS = 10_000_000_000_000L;

  private final Duration delay;
  private final @Nullable Instant deliverAt;

  private SendOptions(Duration delay, @Nullable Instant deliverAt) {
    this.delay = delay;
    this.deliverAt = deliverAt;
  }

  /**
   * Returns the options of a message delivered as soon as a receiver asks: {@link Connector#send(String, Object)}.
   *
   * @return the options of an immediate delivery
   */
  public static SendOptions now() {
    return NOW;
  }

  /**
   * Returns the options of a message delivered no earlier than {@code delay} after the send reaches Redis.
   *
   * @param delay how long after the send the message becomes due; zero for at once
   * @return the options of a delayed delivery
   * @throws DsInvalidArgumentException if {@code delay} is negative or longer than about 317 years
   */
  public static SendOptions delay(Duration delay) {
    Checks.notNegative(delay, "delay");
    if (delay.compareTo(Checks.MAX_TTL) > 0) {
      throw new DsInvalidArgumentException("delay must be at most " + Checks.MAX_TTL.toMillis() + " ms, got " + delay);
    }
    return new SendOptions(delay, null);
  }

  /**
   * Returns the options of a message delivered no earlier than {@code instant}, by the Redis server's clock; an
   * instant in the past delivers at once.
   *
   * @param instant when the message becomes due, by the Redis server's clock
   * @return the options of a delivery at that instant
   * @throws DsInvalidArgumentException if {@code instant} is after the year 2286
   */
  public static SendOptions deliverAt(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (instant.isAfter(Instant.ofEpochMilli(MAX_EPOCH_MILLIS))) {
      throw new DsInvalidArgumentException("deliverAt must be before " + Instant.ofEpochMilli(MAX_EPOCH_MILLIS)
          + ", got " + instant);
    }
    return new SendOptions(Duration.ZERO, instant);
  }

  /**
   * Returns the delay after the send, zero when there is none.
   *
   * @return the delay, never negative
   */
  public Duration delay() {
    return delay;
  }

  /**
   * Returns the instant from which the message may be delivered, or null when none was given.
   *
   * @return the instant, or null
   */
  public @Nullable Instant deliverAt() {
    return deliverAt;
  }

  @Override
  public String toString() {
    return deliverAt != null ? "SendOptions(deliverAt=" + deliverAt + ")" : "SendOptions(delay=" + delay + ")";
  }
}
