package io.dstruct;

import java.util.Iterator;

/**
 * A 64-bit counter that many processes advance together: desir's Counter, made safe to share.
 *
 * <p>Get one from {@link Ds#counter(String, long)}, which sends nothing: the first step creates the
 * counter at its seed if it does not exist yet, so a second process never resets a running counter,
 * and {@link #get()} of a counter that does not exist is its seed. The counter {@code hits} is the Redis
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
  /**
   * Returns the name given to {@link Ds#counter(String, long)}.
   *
   * @return the counter's name
   */
  String name();

  /**
   * Returns the Redis key of the counter, {@code {name}:counter}.
   *
   * @return the Redis key of the counter
   */
  String redisKey();

  /**
   * Returns the current value (GET), or the seed when the counter does not exist (yet, or any more).
   *
   * @return the current value, or the seed if the counter does not exist
   */
  long get();

  /**
   * Adds one and returns the new value: one script, INCRBY after creating the counter at its seed if absent.
   *
   * @return the value after the step
   */
  long next();

  /**
   * Adds {@code delta} (which may be negative) and returns the new value, as {@link #next()} does.
   *
   * @param delta the amount to add, which may be negative
   * @return the value after the step
   */
  long next(long delta);

  /**
   * Sets the value to {@code value} (SET), whatever it was.
   *
   * @param value the new value
   */
  void reset(long value);

  /**
   * Deletes the counter's key and returns whether it existed; the next step starts again from the seed.
   *
   * @return true if the key existed
   * @throws DsWrongTypeException if the key holds another Redis type; it is left as it is
   */
  boolean delete();

  /**
   * Returns an endless iterator whose every {@code next()} is one {@link Counter#next()}.
   *
   * @return an endless iterator over the values of successive steps
   */
  @Override
  Iterator<Long> iterator();

  /**
   * Returns the current value in decimal, as desir prints a counter.
   *
   * @return the current value in decimal
   */
  @Override
  String toString();

  /**
   * Returns the asynchronous view of this counter.
   *
   * @return the asynchronous view of this counter
   */
  AsyncCounter async();
}
