package io.dstruct.internal;

import io.dstruct.AsyncIdGenerator;
import io.dstruct.DsException;
import io.dstruct.IdGenerator;
import io.dstruct.IdGeneratorOptions;
import io.dstruct.IdRange;
import io.dstruct.scripts.DsScript;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;

/**
 * An {@link IdGenerator} that hands out the ids of a reserved block with one atomic increment, and
 * keeps the next block reserved ahead.
 *
 * <p>The hot path is {@code current.get().next.getAndIncrement()}: no lock, no round trip. When half of
 * the current block is used, the thread that takes its middle id starts the reservation of the next
 * block ({@link #pending}). When the block runs out, threads wait for that reservation and one of them
 * installs it. Block switches happen under the object's monitor; taking ids never does.
 */
public final class IdGeneratorImpl implements IdGenerator {
  /** A reserved block: ids from {@code first} to {@code last}; {@code next} is the next to hand out. */
  private static final class Block {
    final long first;
    final long last;
    final long prefetchAt;
    final AtomicLong next;

    Block(long first, long last) {
      this.first = first;
      this.last = last;
      this.prefetchAt = first + (last - first) / 2;
      this.next = new AtomicLong(first);
    }
  }

  /** The block before the first reservation: empty, below every id (ids start at 0 or more). */
  private static final Block EXHAUSTED = new Block(0, -1);

  private final Redis redis;
  private final String name;
  private final String key;
  private final IdGeneratorOptions options;
  private final AtomicReference<Block> current = new AtomicReference<>(EXHAUSTED);
  private final AtomicReference<@Nullable CompletableFuture<Block>> pending = new AtomicReference<>();
  /** The last id of the highest block this client reserved: the floor the script keeps the counter above. */
  private final AtomicLong floor;
  private final Async async = new Async();
  /** The size of the next reservation: the configured block size, doubled (up to {@link #MAX_GROWTH} times) each time a caller outran the prefetch. */
  private volatile long reserveSize;

  /** How many times the configured block size a reservation may grow to. */
  static final int MAX_GROWTH = 16;

  /** Creates the generator {@code name}; nothing is sent to Redis before the first id is asked for. */
  public IdGeneratorImpl(Redis redis, String name, IdGeneratorOptions options) {
    this.redis = redis;
    this.name = name;
    this.key = Keys.of(name, "id").key();
    this.options = options;
    this.floor = new AtomicLong(options.firstId() - 1);
    this.reserveSize = options.blockSize();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String redisKey() {
    return key;
  }

  @Override
  public AsyncIdGenerator async() {
    return async;
  }

  @Override
  public boolean delete() {
    return Redis.join(async.delete());
  }

  /**
   * Reserves {@code size} ids in Redis, or fewer but at least {@code minimum} when the ids run out
   * at {@link IdGeneratorOptions#MAX_ID}; the stage holds the block. When fewer than {@code minimum}
   * are left, the script writes nothing and the stage fails.
   */
  private CompletionStage<Block> reserve(long size, long minimum) {
    return Redis.on(key, redis.scripts().<List<Long>>run(DsScript.ID_RESERVE, RScript.ReturnType.LIST, List.of(key),
            size, options.firstId() - 1, floor.get(), minimum))
        .thenApply(range -> {
          if (range == null || range.size() != 2) {
            throw new DsException("id generator '" + name + "' has fewer than " + minimum
                + " ids left below its largest id " + IdGeneratorOptions.MAX_ID + " (2^53 - 1); nothing was reserved");
          }
          long last = range.get(1);
          floor.accumulateAndGet(last, Math::max);
          return new Block(range.get(0), last);
        });
  }

  /** Returns the reservation of the next block: the one under way, or a new one. */
  private CompletableFuture<Block> nextBlock() {
    while (true) {
      CompletableFuture<Block> f = pending.get();
      if (f != null) {
        return f;
      }
      CompletableFuture<Block> mine = new CompletableFuture<>();
      if (pending.compareAndSet(null, mine)) {
        reserve(reserveSize, 1).whenComplete((block, error) -> {
          if (error != null) {
            pending.compareAndSet(mine, null); // the next caller tries again
            mine.completeExceptionally(error);
          } else {
            mine.complete(block);
          }
        });
        return mine;
      }
    }
  }

  /** Makes {@code block}, reserved by {@code f}, current, unless another thread already moved on. */
  private synchronized void install(Block old, CompletableFuture<Block> f, Block block) {
    if (current.get() == old && pending.get() == f) {
      current.set(block);
      pending.set(null);
    }
  }

  /** Takes one id of the current block, or returns a value below {@code first} when it has none left. */
  private long take(Block b) {
    long id = b.next.getAndIncrement();
    if (id <= b.last && id == b.prefetchAt) {
      nextBlock();
    }
    return id;
  }

  @Override
  public long nextId() {
    while (true) {
      Block b = current.get();
      long id = take(b);
      if (id <= b.last) {
        return id;
      }
      CompletableFuture<Block> f = nextBlock();
      if (b != EXHAUSTED && !f.isDone()) {
        grow();
      }
      install(b, f, Redis.join(f));
    }
  }

  /**
   * Doubles the next reservation, up to {@link #MAX_GROWTH} times the configured size: a caller had to
   * wait, so ids are being taken faster than half a block lasts a round trip.
   */
  private void grow() {
    reserveSize = Math.min(reserveSize * 2, (long) options.blockSize() * MAX_GROWTH);
  }

  @Override
  public IdRange nextIds(int n) {
    Checks.inRange(n, 1, Integer.MAX_VALUE, "n");
    IdRange fromCurrent = takeRange(n);
    return fromCurrent != null ? fromCurrent : Redis.join(freshRange(n));
  }

  /** Takes {@code n} ids of the current block in one step, or returns null when it has not that many left. */
  private @Nullable IdRange takeRange(int n) {
    Block b = current.get();
    while (true) {
      long from = b.next.get();
      long to = from + n - 1;
      if (from > b.last || to > b.last) {
        return null;
      }
      if (b.next.compareAndSet(from, to + 1)) {
        if (from <= b.prefetchAt && b.prefetchAt <= to) {
          nextBlock();
        }
        return new IdRange(from, to);
      }
    }
  }

  /**
   * Reserves a block of at least {@code n} ids above every id reserved so far and hands out its first
   * {@code n}. The rest becomes current unless another thread has meanwhile installed a higher block
   * (replies can arrive out of order); blocks only ever move up, so ids still increase. The skipped ids
   * (the rest of the lower block, and any reservation then pending) become gaps.
   */
  private CompletionStage<IdRange> freshRange(int n) {
    return reserve(Math.max(n, options.blockSize()), n).thenApply(block -> {
      synchronized (this) {
        Block old = current.get();
        if (old.last < block.first) {
          old.next.set(old.last + 1);
          pending.set(null);
          current.set(new Block(block.first + n, block.last)); // empty when n took it all, yet still above
        }
      }
      return new IdRange(block.first, block.first + n - 1);
    });
  }

  /** The asynchronous face: completed stages while the block lasts. */
  private final class Async implements AsyncIdGenerator {
    @Override
    public CompletionStage<Long> nextId() {
      Block b = current.get();
      long id = take(b);
      if (id <= b.last) {
        return CompletableFuture.completedFuture(id);
      }
      CompletableFuture<Block> f = nextBlock();
      if (b != EXHAUSTED && !f.isDone()) {
        grow();
      }
      return f.thenCompose(block -> {
        install(b, f, block);
        return nextId();
      });
    }

    @Override
    public CompletionStage<IdRange> nextIds(int n) {
      Checks.inRange(n, 1, Integer.MAX_VALUE, "n");
      IdRange fromCurrent = takeRange(n);
      if (fromCurrent != null) {
        return CompletableFuture.completedFuture(fromCurrent);
      }
      return freshRange(n);
    }

    @Override
    public CompletionStage<Boolean> delete() {
      return TypedDelete.keys(redis, List.of(key), List.of("string"));
    }
  }
}
