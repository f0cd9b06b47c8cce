package io.dstruct;

import java.util.Iterator;

/**
 * A 64-bit counter that many processes advance together: desir's Counter, made safe to share.
 *
 * <p>Get one from {@link Ds#counter(String, long)}, which creates it at its seed only if it does not
 * exist yet, so a second process never resets a running counter. The counter {@code hits} is the Redis
 * string key {@code {hits}:counter}, holding the value in decimal, so {@code INCR} from any other client
 * works on it.
 *
 * <p>It is an endless {@link Iterable}: each step of its iterator is one {@link #next()}.
 *
 * <pre>{@code
 * Counter c = ds.counter("counter", 5);   // 5
 * for (long i : c) {                      // 6, 7, ... 11
 *   if (i > 10) break;
 * }
 * c.next();                               // 12
 * }</pre>
 *
 * <p>Thread-safe. A value that is not a 64-bit integer, or a step that would overflow, throws {@link
 * DsCodecException}; a key of another type throws {@link DsWrongTypeException}.
 */
public interface Counter extends Iterable<Long> {
  /** Returns the name given to {@link Ds#counter(String, long)}. */
  String name();

  /** Returns the Redis key of the counter, {@code {name}:counter}. */
  String redisKey();

  /** Returns the current value (GET); if another client deleted the key, that is 0, as INCR would see it. */
  long get();

  /** Adds one and returns the new value (INCR). */
  long next();

  /** Adds {@code delta} (which may be negative) and returns the new value (INCRBY). */
  long next(long delta);

  /** Sets the value to {@code value} (SET), whatever it was. */
  void reset(long value);

  /** Returns an endless iterator whose every {@code next()} is one {@link Counter#next()}. */
  @Override
  Iterator<Long> iterator();

  /** Returns the current value in decimal, as desir prints a counter. */
  @Override
  String toString();

  /** Returns the asynchronous view of this counter. */
  AsyncCounter async();
}
