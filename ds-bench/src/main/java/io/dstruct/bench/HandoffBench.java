package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.DsList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RBlockingQueue;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of handing elements from one thread to another through Redis: {@link
 * DsList#asBlockingQueue()} against Redisson's {@link RBlockingQueue}, both used through the same
 * {@link BlockingQueue} code.
 *
 * <p>The JMH thread is the producer. Each side's state starts one consumer thread that loops on
 * {@code take()} and signals every element it took on a semaphore. One operation is {@code
 * offer(value)} followed by waiting for that signal, so it measures the time per handed-off element
 * with one element in flight: the producer's RPUSH, the server waking the consumer's blocked pop, the
 * reply and the wake-up of the consumer thread. The consumer is usually blocked in Redis when the
 * element arrives, so the blocking path is the one measured; no backlog builds up, and an iteration
 * never ends with the consumer owing elements.
 *
 * <p>The two sides differ only in the queue. Redisson's {@code take()} is one BLPOP with no timeout.
 * ds's {@code take()} is the script {@code list_take} (LPOP into the in-flight hash {@code
 * {name}:list:inflight}), then an HDEL that acknowledges it before it is delivered, and while the list
 * is empty a BLMOVE of the list onto itself that waits for an element; so ds sends at least one
 * command more per element, and a ratio above 1 is expected. Both
 * use one Redisson client, the 64-byte {@link BenchRedis#VALUE}, Redisson's {@link StringCodec} on the
 * raw side and {@code Codecs.string()} on the ds side. The consumer checks every element it takes,
 * and the ds side checks at the end that no element was left in flight.
 *
 * <p>Run it with one JMH thread, the producer; the consumer thread is the second one. {@link BenchMain}
 * skips it with {@code --threads N} above 1.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class HandoffBench {
  /** The element that tells a consumer thread to stop; it differs from {@link BenchRedis#VALUE}. */
  static final String STOP = "stop";
  /** How long the producer waits for a handoff, and the teardown for the consumer, before giving up. */
  static final long WAIT_SECONDS = 30;

  /** One side of the handoff: a queue over Redis and the consumer thread that takes from it. */
  abstract static class Side {
    private final Semaphore taken = new Semaphore(0);
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    BenchRedis redis;
    private BlockingQueue<String> queue;
    private Thread consumer;

    /** Returns the queue of this side over {@code redis}. */
    abstract BlockingQueue<String> queue(BenchRedis redis);

    /** Returns the Redis keys this side writes, to delete at the end. */
    abstract String[] keys();

    /** Checks what this side left behind once its consumer stopped. */
    void checkAfterwards() {}

    /** Connects, checks that the queue hands back what it was given, and starts the consumer thread. */
    final void start(String prefix) {
      redis = BenchRedis.open(prefix);
      queue = queue(redis);
      queue.offer(BenchRedis.VALUE);
      String back;
      try {
        back = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking the queue", e);
      }
      if (!BenchRedis.VALUE.equals(back)) {
        throw new IllegalStateException("the queue gave back " + back + " instead of the value offered");
      }
      consumer = new Thread(this::consume, prefix + "-consumer");
      consumer.setDaemon(true);
      consumer.start();
    }

    /** Offers the value and waits until the consumer thread has taken it. */
    final void handOff() throws InterruptedException {
      queue.offer(BenchRedis.VALUE);
      if (!taken.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the consumer took nothing for " + WAIT_SECONDS + " s", failure.get());
      }
    }

    private void consume() {
      try {
        while (true) {
          String v = queue.take();
          if (STOP.equals(v)) {
            return;
          }
          if (!BenchRedis.VALUE.equals(v)) {
            throw new IllegalStateException("the consumer took " + v + " instead of the value offered");
          }
          taken.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }

    /** Stops the consumer with {@link #STOP}, checks that nothing went wrong, deletes the keys and disconnects. */
    final void stop() throws InterruptedException {
      try {
        queue.offer(STOP);
        consumer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (consumer.isAlive()) {
          consumer.interrupt();
          throw new IllegalStateException("the consumer did not stop within " + WAIT_SECONDS + " s");
        }
        Throwable f = failure.get();
        if (f != null) {
          throw new IllegalStateException("the consumer failed", f);
        }
        checkAfterwards();
      } finally {
        redis.cleanUp(keys());
      }
    }
  }

  /** ds: {@code DsList.asBlockingQueue()} of a list of strings. */
  @State(Scope.Benchmark)
  public static class DsSide extends Side {
    private DsList<String> list;

    @Override
    BlockingQueue<String> queue(BenchRedis redis) {
      list = redis.ds().list(redis.name("handoff"), Codecs.string());
      return list.asBlockingQueue();
    }

    @Override
    String[] keys() {
      return new String[] {list.redisKey(), inflightKey()};
    }

    private String inflightKey() {
      return list.redisKey() + ":inflight";
    }

    /** Checks that the in-flight hash is empty: every element taken was acknowledged. */
    @Override
    void checkAfterwards() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      int left;
      while ((left = redis.redisson().getMap(inflightKey(), StringCodec.INSTANCE).size()) > 0
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      if (left > 0) {
        throw new IllegalStateException(left + " elements were left in the in-flight hash " + inflightKey());
      }
    }

    /** Connects and starts the consumer thread. */
    @Setup(Level.Trial)
    public void setUp() {
      start("ds-bench-handoff-ds");
    }

    /** Stops the consumer, checks the in-flight list, deletes the keys and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw Redisson: an {@link RBlockingQueue} with {@link StringCodec}. */
  @State(Scope.Benchmark)
  public static class RawSide extends Side {
    private String key;

    @Override
    BlockingQueue<String> queue(BenchRedis redis) {
      key = redis.name("handoff-raw");
      return redis.redisson().getBlockingQueue(key, StringCodec.INSTANCE);
    }

    @Override
    String[] keys() {
      return new String[] {key};
    }

    /** Connects and starts the consumer thread. */
    @Setup(Level.Trial)
    public void setUp() {
      start("ds-bench-handoff-raw");
    }

    /** Stops the consumer, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** ds: {@code offer} on this thread, {@code take} (BLMOVE, then LREM) on the consumer thread. */
  @Benchmark
  public void handoffDs(DsSide side) throws InterruptedException {
    side.handOff();
  }

  /** Raw Redisson: {@code offer} on this thread, {@code take} (BLPOP) on the consumer thread. */
  @Benchmark
  public void handoffRaw(RawSide side) throws InterruptedException {
    side.handOff();
  }
}
