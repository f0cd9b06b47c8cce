package io.dstruct;

import io.dstruct.internal.Checks;
import java.time.Duration;

/**
 * The settings of a {@link Connector}: its visibility timeout, how many attempts a message gets, the largest
 * payload it sends, and how many dead letters it keeps.
 *
 * <p>Immutable; start from {@link #defaults()}, and each {@code with} method returns a copy. The settings live
 * in the process that uses them, not in Redis: every process that receives as one connector should use the
 * same visibility timeout, maximum of attempts and dead-letter limit.
 */
public final class ConnectorOptions {
  /** The default visibility timeout: 30 seconds. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
  /** The default number of deliveries a message gets before it goes to the dead letters: 5. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  /** The default largest payload a send accepts, once encoded: 1 MiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
  /** The default number of dead letters kept; beyond it the oldest are dropped: 10,000. */
  public static final long DEFAULT_DEAD_LETTER_LIMIT = 10_000;

  private static final ConnectorOptions DEFAULTS = new ConnectorOptions(DEFAULT_VISIBILITY_TIMEOUT,
      DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_DEAD_LETTER_LIMIT);

  private final Duration visibilityTimeout;
  private final int maxAttempts;
  private final int maxPayloadBytes;
  private final long deadLetterLimit;

  private ConnectorOptions(Duration visibilityTimeout, int maxAttempts, int maxPayloadBytes, long deadLetterLimit) {
    this.visibilityTimeout = visibilityTimeout;
    this.maxAttempts = maxAttempts;
    this.maxPayloadBytes = maxPayloadBytes;
    this.deadLetterLimit = deadLetterLimit;
  }

  /**
   * Returns the defaults: a visibility timeout of 30 s, 5 attempts, payloads up to 1 MiB, and 10,000 dead
   * letters kept.
   *
   * @return the default settings, shared
   */
  public static ConnectorOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns how long a received message stays leased to its receiver without an {@link Delivery#ack()}, {@link
   * Delivery#extend(Duration)} or other answer; after it, another receiver gets the message again.
   *
   * @return the visibility timeout, positive
   */
  public Duration visibilityTimeout() {
    return visibilityTimeout;
  }

  /**
   * Returns how many deliveries a message gets; after the last one fails, it goes to the dead letters.
   *
   * @return the number of deliveries, from 1 to 1,000
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the largest payload, once encoded by the codec, that a send or reply accepts, in bytes.
   *
   * @return the largest encoded payload, in bytes
   */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /**
   * Returns how many dead letters the connector keeps: a new one beyond it drops the oldest.
   *
   * @return the number of dead letters kept, from 1 to 10^9
   */
  public long deadLetterLimit() {
    return deadLetterLimit;
  }

  /**
   * Returns a copy whose leases last {@code timeout}.
   *
   * @param timeout the visibility timeout, from 1 ms on
   * @return the copy
   * @throws DsInvalidArgumentException if {@code timeout} is under 1 ms or over about 317 years
   */
  public ConnectorOptions withVisibilityTimeout(Duration timeout) {
    return new ConnectorOptions(Checks.positive(timeout, "visibilityTimeout"), maxAttempts, maxPayloadBytes,
        deadLetterLimit);
  }

  /**
   * Returns a copy that gives each message {@code attempts} deliveries.
   *
   * @param attempts the number of deliveries, from 1 to 1,000
   * @return the copy
   * @throws DsInvalidArgumentException if {@code attempts} is not between 1 and 1,000
   */
  public ConnectorOptions withMaxAttempts(int attempts) {
    return new ConnectorOptions(visibilityTimeout, (int) Checks.inRange(attempts, 1, 1000, "maxAttempts"),
        maxPayloadBytes, deadLetterLimit);
  }

  /**
   * Returns a copy whose sends and replies accept payloads of up to {@code bytes} once encoded.
   *
   * @param bytes the largest encoded payload, in bytes, from 1 to 512 MB
   * @return the copy
   * @throws DsInvalidArgumentException if {@code bytes} is not between 1 and 512 MB (Redis's limit)
   */
  public ConnectorOptions withMaxPayloadBytes(int bytes) {
    return new ConnectorOptions(visibilityTimeout, maxAttempts,
        (int) Checks.inRange(bytes, 1, Checks.MAX_STRING_BYTES, "maxPayloadBytes"), deadLetterLimit);
  }

  /**
   * Returns a copy that keeps {@code limit} dead letters: the dead-letter stream is trimmed to it, oldest first.
   *
   * @param limit the number of dead letters kept, from 1 to 10^9
   * @return the copy
   * @throws DsInvalidArgumentException if {@code limit} is not between 1 and 10^9
   */
  public ConnectorOptions withDeadLetterLimit(long limit) {
    return new ConnectorOptions(visibilityTimeout, maxAttempts, maxPayloadBytes,
        Checks.inRange(limit, 1, 1_000_000_000L, "deadLetterLimit"));
  }

  @Override
  public String toString() {
    return "ConnectorOptions(visibilityTimeout=" + visibilityTimeout + ", maxAttempts=" + maxAttempts
        + ", maxPayloadBytes=" + maxPayloadBytes + ", deadLetterLimit=" + deadLetterLimit + ")";
  }
}
