package io.dstruct.internal;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An iterator over a SCAN (or HSCAN) walk that returns each key once.
 *
 * <p>Redis may return a key twice while it rehashes the table under the walk, and Redisson's iterators
 * pass every reply on. This one remembers the keys it returned, so its memory grows with the number of
 * distinct keys walked, and skips the elements whose key it has seen or that {@code keep} refuses.
 */
final class Distinct<T> implements Iterator<T> {
  private final Iterator<T> scan;
  private final Function<T, String> key;
  private final Predicate<String> keep;
  private final Set<String> seen = new HashSet<>();
  private @Nullable T next;

  private Distinct(Iterator<T> scan, Function<T, String> key, Predicate<String> keep) {
    this.scan = scan;
    this.key = key;
    this.keep = keep;
  }

  /** Returns the elements of {@code scan} whose key {@code keep} accepts, each key once. */
  static <T> Iterator<T> of(Iterator<T> scan, Function<T, String> key, Predicate<String> keep) {
    return new Distinct<>(scan, key, keep);
  }

  /** Returns the keys of {@code scan}, each once. */
  static Iterator<String> of(Iterator<String> scan) {
    return new Distinct<>(scan, k -> k, k -> true);
  }

  @Override
  public boolean hasNext() {
    while (next == null && scan.hasNext()) {
      T candidate = scan.next();
      String k = key.apply(candidate);
      if (keep.test(k) && seen.add(k)) {
        next = candidate;
      }
    }
    return next != null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T t = next;
    next = null;
    return t;
  }
}
