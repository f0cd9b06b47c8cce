package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.Subscription;
import io.dstruct.Topic;
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
import org.redisson.api.RTopic;
import org.redisson.api.listener.MessageListener;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of one message from publisher to listener: {@link Topic#publish} and a listener of {@link
 * Topic#subscribe} against Redisson's {@link RTopic#publish} and a {@link MessageListener}, on channels of the same
 * Redisson client.
 *
 * <p>One operation is a publish on the JMH thread followed by waiting until the listener, on Redisson's listener
 * thread, has taken that message and released a semaphore: the PUBLISH, its reply, the message pushed on the
 * subscription connection, Redisson's hand-over to its listener executor, the decoding and the wake-up of the JMH
 * thread. With one JMH thread one message is in flight, so the score is the time per delivered message. Both sides
 * publish the 64-byte {@link BenchRedis#VALUE}: the ds side with {@code Codecs.string()}, its PUBLISH sent through
 * ds's exactly-once runtime (never resent); the raw side with Redisson's {@link StringCodec}. Each listener checks
 * every message. With {@code --threads N} each thread publishes and waits for one delivery, so N messages are in
 * flight and the score is the throughput of deliveries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class TopicBench {
  /** How long a publisher waits for its message to arrive before the benchmark fails. */
  static final long WAIT_SECONDS = 30;

  /** One side: a publisher and the listener that signals every message it received. */
  abstract static class Side {
    final Semaphore received = new Semaphore(0);
    final AtomicReference<@Nullable String> failure = new AtomicReference<>();
    BenchRedis redis;

    /** Subscribes the listener on this side's channel and checks one message end to end. */
    abstract void subscribe();

    /** Publishes {@link BenchRedis#VALUE} once. */
    abstract void publish();

    /** Unsubscribes the listener. */
    abstract void unsubscribe();

    /** Called by the listener with each message it received. */
    final void onMessage(String message) {
      if (!BenchRedis.VALUE.equals(message)) {
        failure.set("the listener received " + message + " instead of the value published");
      }
      received.release();
    }

    /** Publishes and waits until the listener has the message. */
    final void roundTrip() throws InterruptedException {
      publish();
      if (!received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no message arrived for " + WAIT_SECONDS + " s; " + failure.get());
      }
    }

    /** Connects, subscribes, and checks that one message goes through. */
    final void start(String prefix) throws InterruptedException {
      redis = BenchRedis.open(prefix);
      subscribe();
      roundTrip();
    }

    /** Unsubscribes, checks that every message was the one published, and disconnects. */
    final void stop() {
      try {
        unsubscribe();
        String f = failure.get();
        if (f != null) {
          throw new IllegalStateException(f);
        }
      } finally {
        redis.close();
      }
    }
  }

  /** ds: a {@code Topic<String>} with {@code Codecs.string()}. */
  @State(Scope.Benchmark)
  public static class DsSide extends Side {
    private Topic<String> topic;
    private Subscription subscription;

    @Override
    void subscribe() {
      topic = redis.ds().topic(redis.name("topic"), Codecs.string());
      subscription = topic.subscribe(this::onMessage);
    }

    @Override
    void publish() {
      if (topic.publish(BenchRedis.VALUE) != 1) {
        failure.set("a PUBLISH did not reach exactly one subscriber");
      }
    }

    @Override
    void unsubscribe() {
      subscription.close();
    }

    /** Connects, subscribes and checks one message. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start("ds-bench-topic-ds");
    }

    /** Unsubscribes and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  /** Raw Redisson: an {@link RTopic} with {@link StringCodec}. */
  @State(Scope.Benchmark)
  public static class RawSide extends Side {
    private RTopic topic;
    private int listenerId;

    @Override
    void subscribe() {
      topic = redis.redisson().getTopic(redis.name("topic-raw"), StringCodec.INSTANCE);
      listenerId = topic.addListener(String.class, (channel, message) -> onMessage(message));
    }

    @Override
    void publish() {
      if (topic.publish(BenchRedis.VALUE) != 1) {
        failure.set("a PUBLISH did not reach exactly one subscriber");
      }
    }

    @Override
    void unsubscribe() {
      topic.removeListener(listenerId);
    }

    /** Connects, subscribes and checks one message. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start("ds-bench-topic-raw");
    }

    /** Unsubscribes and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  /** ds: {@code Topic.publish} on this thread, until the listener has the message. */
  @Benchmark
  public void publishReceiveDs(DsSide side) throws InterruptedException {
    side.roundTrip();
  }

  /** Raw Redisson: {@code RTopic.publish} on this thread, until the listener has the message. */
  @Benchmark
  public void publishReceiveRaw(RawSide side) throws InterruptedException {
    side.roundTrip();
  }
}
