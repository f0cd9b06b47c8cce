package io.dstruct.internal;

import io.dstruct.AsyncDsList;
import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import io.dstruct.DsList;
import io.dstruct.internal.AsyncDsListImpl.Taken;
import java.time.Duration;
import java.util.AbstractList;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The blocking {@link DsList}: each operation waits for its {@link AsyncDsListImpl} twin. */
public final class DsListImpl<V> extends AbstractList<V> implements DsList<V> {
  /** Elements read by each LRANGE of an iterator, and pushed by each RPUSH of addAll. */
  static final int PAGE = 500;

  private final AsyncDsListImpl<V> async;

  /** Creates the list {@code name}; validates the name first. */
  public DsListImpl(Redis redis, String name, Codec<V> codec) {
    this.async = new AsyncDsListImpl<>(redis, name, codec);
  }

  @Override
  public String name() {
    return async.name;
  }

  @Override
  public String redisKey() {
    return async.key;
  }

  @Override
  public AsyncDsList<V> async() {
    return async;
  }

  // ---- List

  @Override
  public V get(int index) {
    return Redis.join(async.get(index));
  }

  @Override
  public V set(int index, V element) {
    return Redis.join(async.set(index, element));
  }

  @Override
  public boolean add(V element) {
    append(element);
    return true;
  }

  @Override
  public void add(int index, V element) {
    Redis.join(async.add(index, element));
  }

  @Override
  public V remove(int index) {
    return Redis.join(async.remove(index));
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean remove(@Nullable Object o) {
    try {
      return Redis.join(async.remove((V) Objects.requireNonNull(o)));
    } catch (DsCodecException e) {
      return otherType(e, false);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public int indexOf(@Nullable Object o) {
    try {
      return Redis.join(async.indexOf((V) Objects.requireNonNull(o), true));
    } catch (DsCodecException e) {
      return otherType(e, -1);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public int lastIndexOf(@Nullable Object o) {
    try {
      return Redis.join(async.indexOf((V) Objects.requireNonNull(o), false));
    } catch (DsCodecException e) {
      return otherType(e, -1);
    }
  }

  /** Returns {@code answer} when {@code e} says the element is of another type than the codec's, else rethrows. */
  private static <T> T otherType(DsCodecException e, T answer) {
    if (e.getCause() instanceof ClassCastException) {
      return answer; // an element of another type cannot be in this list
    }
    throw e;
  }

  @Override
  public boolean contains(@Nullable Object o) {
    return indexOf(o) >= 0;
  }

  @Override
  public int size() {
    return Redis.join(async.size());
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public void clear() {
    Redis.join(async.clear());
  }

  @Override
  public void delete() {
    Redis.join(async.delete());
  }

  /** Appends all elements with one RPUSH per page of 500; each page is atomic, the whole is not. */
  @Override
  public boolean addAll(Collection<? extends V> c) {
    List<byte[]> encoded = new ArrayList<>(c.size());
    for (V v : c) {
      encoded.add(async.encode(v));
    }
    for (int from = 0; from < encoded.size(); from += PAGE) {
      Redis.join(async.pushTailAll(encoded.subList(from, Math.min(encoded.size(), from + PAGE))));
    }
    return !encoded.isEmpty();
  }

  /**
   * Iterates LRANGE pages of 500; {@code remove} removes the element last returned, compared by its
   * bytes, wherever other clients have moved it ({@code list_remove_returned}).
   */
  @Override
  public Iterator<V> iterator() {
    return new Iterator<>() {
      private List<byte[]> page = List.of();
      private int pageStart;
      private int next;
      private int last = -1;
      private byte @Nullable [] lastRaw;
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (next - pageStart < page.size()) {
          return true;
        }
        if (exhausted) {
          return false;
        }
        pageStart = next;
        page = Redis.join(async.rawRange(next, next + PAGE));
        exhausted = page.size() < PAGE;
        return !page.isEmpty();
      }

      @Override
      public V next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] raw = page.get(next - pageStart);
        V value = async.decode(raw);
        last = next++;
        lastRaw = raw;
        return value;
      }

      @Override
      public void remove() {
        byte[] raw = lastRaw;
        if (raw == null) {
          throw new IllegalStateException();
        }
        int at = Redis.join(async.removeReturned(last, raw));
        lastRaw = null;
        // The elements after it moved one place to the head: so do the page and the cursor.
        if (at >= pageStart && at < pageStart + page.size()) {
          page = new ArrayList<>(page);
          page.remove(at - pageStart);
        } else if (at >= 0 && at < pageStart) {
          pageStart--;
        }
        if (at >= 0 && at < next) {
          next--;
        }
      }
    };
  }

  // ---- queue operations

  @Override
  public long append(V value) {
    return Redis.join(async.append(value));
  }

  @Override
  public long pushHead(V value) {
    return Redis.join(async.pushHead(value));
  }

  @Override
  public long pushTail(V value) {
    return Redis.join(async.pushTail(value));
  }

  @Override
  public @Nullable V pop() {
    return Redis.join(async.pop());
  }

  @Override
  public @Nullable V popHead() {
    return Redis.join(async.popHead());
  }

  @Override
  public @Nullable V popTail() {
    return Redis.join(async.popTail());
  }

  @Override
  public @Nullable V popHead(Duration timeout) throws InterruptedException {
    return await(async.pop(true, Objects.requireNonNull(timeout, "timeout"), Taken::value));
  }

  @Override
  public @Nullable V popTail(Duration timeout) throws InterruptedException {
    return await(async.pop(false, Objects.requireNonNull(timeout, "timeout"), Taken::value));
  }

  /**
   * Waits for a pop. On interrupt it cancels the pop, waits until anything the pop took is back in
   * the list (a round trip, longer only while Redis does not answer), and throws {@link
   * InterruptedException}.
   */
  private @Nullable V await(AsyncDsListImpl.Pop<V> pop) throws InterruptedException {
    try {
      return Redis.joinInterruptibly(pop);
    } catch (InterruptedException e) {
      Redis.join(pop.settled());
      throw e;
    }
  }

  @Override
  public @Nullable V moveHeadTo(DsList<V> target, Duration timeout) throws InterruptedException {
    return Redis.joinInterruptibly(async.moveHeadTo(target, timeout));
  }

  @Override
  public int requeueInFlight() {
    return Redis.join(async.requeueInFlight());
  }

  @Override
  public BlockingQueue<V> asBlockingQueue() {
    return new QueueView();
  }

  /** The FIFO view: add at the tail, take from the head. */
  private final class QueueView extends AbstractQueue<V> implements BlockingQueue<V> {
    @Override
    public boolean offer(V v) {
      append(v);
      return true;
    }

    @Override
    public boolean offer(V v, long timeout, TimeUnit unit) {
      return offer(v);
    }

    @Override
    public void put(V v) {
      append(v);
    }

    @Override
    public @Nullable V poll() {
      return popHead();
    }

    @Override
    public @Nullable V poll(long timeout, TimeUnit unit) throws InterruptedException {
      return popHead(Duration.ofNanos(unit.toNanos(timeout)));
    }

    @Override
    public V take() throws InterruptedException {
      return Objects.requireNonNull(await(async.pop(true, null, Taken::value)));
    }

    @Override
    public @Nullable V peek() {
      List<V> head = Redis.join(async.range(0, 1));
      return head.isEmpty() ? null : head.get(0);
    }

    @Override
    public int remainingCapacity() {
      return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super V> c) {
      return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super V> c, int maxElements) {
      if (c == this) {
        throw new IllegalArgumentException("cannot drain a queue into itself");
      }
      int n = 0;
      V v;
      while (n < maxElements && (v = popHead()) != null) {
        c.add(v);
        n++;
      }
      return n;
    }

    @Override
    public Iterator<V> iterator() {
      return DsListImpl.this.iterator();
    }

    @Override
    public int size() {
      return DsListImpl.this.size();
    }

    @Override
    public void clear() {
      DsListImpl.this.clear();
    }
  }
}
