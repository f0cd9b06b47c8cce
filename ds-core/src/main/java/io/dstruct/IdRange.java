package io.dstruct;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

/**
 * A contiguous range of ids, from {@code first} to {@code last} inclusive, as {@link
 * IdGenerator#nextIds(int)} hands them out.
 *
 * @param first the first id of the range
 * @param last the last id of the range, at least {@code first}
 */
public record IdRange(long first, long last) implements Iterable<Long> {
  /**
   * Creates a range.
   *
   * @param first the first id of the range
   * @param last the last id of the range, at least {@code first}
   * @throws DsInvalidArgumentException if {@code last < first}
   */
  public IdRange {
    if (last < first) {
      throw new DsInvalidArgumentException("an id range must not be empty: " + first + ".." + last);
    }
  }

  /**
   * Returns the number of ids in the range.
   *
   * @return {@code last - first + 1}, at least 1
   */
  public long size() {
    return last - first + 1;
  }

  /**
   * Returns whether {@code id} is in the range.
   *
   * @param id the id to test
   * @return true if {@code first <= id <= last}
   */
  public boolean contains(long id) {
    return id >= first && id <= last;
  }

  /**
   * Returns the ids as a stream, in increasing order.
   *
   * @return a stream of {@code first} to {@code last}
   */
  public LongStream stream() {
    return LongStream.rangeClosed(first, last);
  }

  /**
   * Returns the ids in increasing order.
   *
   * @return an iterator from {@code first} to {@code last}
   */
  @Override
  public Iterator<Long> iterator() {
    return new Iterator<>() {
      private long next = first;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Long next() {
        if (done) {
          throw new NoSuchElementException();
        }
        long id = next;
        if (id == last) {
          done = true;
        } else {
          next++;
        }
        return id;
      }
    };
  }
}
