package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.Connector;
import io.dstruct.ConnectorStats;
import io.dstruct.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * A benchmark of {@link Connector} message passing (send, receive, ack) against a raw Redisson {@link RStream}
 * loop over the same stream commands (XADD, XREADGROUP, XACK), the floor of this design, and against {@link
 * RBlockingQueue} {@code offer} / {@code take}, which gives no guarantee at all.
 *
 * <p><b>Throughput</b> ({@code throughput...1}, {@code throughput...8}), in messages per second. The JMH thread
 * is the producer; the state owns the consumer threads, 1 or 8, each of which loops on a receive of one message
 * (waiting up to {@link #POLL}), checks it and acks it. One operation is one message: the producer takes one of
 * {@value #WINDOW} permits and sends without waiting for the reply; the consumer that acked the message gives the
 * permit back. So at most {@value #WINDOW} messages are between send and ack, the consumers always find a
 * backlog (they measure the rate of the receive path, not its wake-up), no backlog grows without bound, and the
 * rate of operations is the rate of messages sent, received and acked, within {@value #WINDOW} messages per
 * iteration. The number of consumers belongs to the state, not to JMH's threads: {@code --threads N} runs N
 * producers over the same consumers, and the score stays messages per second.
 *
 * <p><b>Latency</b> ({@link #latencyDs}, {@link #latencyRawStream}), in JMH's sample-time mode, for the percentiles
 * that {@link Report} prints. One consumer thread waits, idle, blocked on the server in its read. One operation is
 * a send on the JMH thread, waiting for its reply, until the consumer has received that message and its ack has
 * returned: the whole life of one message through an idle pipeline, one message in flight. Defined for one JMH
 * thread: {@link BenchMain} skips it with {@code --threads N} above 1.
 *
 * <p>The sides, all on the one Redisson client of the fork, with the 64-byte {@link BenchRedis#VALUE}:
 * <ul>
 *   <li>ds: a sending and a receiving {@code Connector<String>} ({@code Codecs.string()}, default options, so a
 *       30 s visibility timeout), whose consumer threads share the receiving connector as the threads of one
 *       service would. A send is the {@code connector_send} script (XADD of the envelope); a receive a plain
 *       XREADGROUP COUNT 1 that blocks for at most a second, with the {@code connector_receive} script (the same
 *       read, and a look at the delayed set) and the reclaim of expired leases at most once a second; an ack the
 *       {@code connector_ack} script (XACK, which tells whether the delivery still holds its lease, then XDEL).
 *   <li>raw stream: an {@code RStream<String, String>} with {@link StringCodec}, one consumer group and one consumer
 *       name, as ds has. XADD ({@code addAsync}, or {@code add} for the latency) of the five fields of ds's envelope
 *       with values of the same length (id, from, sentAt, attempt, payload), with {@code MAXLEN ~ }{@value #TRIM} so
 *       that the stream stays bounded (ds deletes each acked entry instead); XREADGROUP COUNT 1 BLOCK 1000; XACK.
 *   <li>raw queue: an {@code RBlockingQueue<String>} with {@link StringCodec}: {@code offerAsync} (RPUSH) and
 *       {@code take} (BLPOP); nothing to ack, and a message whose reply is lost is gone.
 * </ul>
 * Every consumer checks every message. The teardown waits until every message sent is done, stops the consumers
 * and checks that nothing is left: for ds no message in the inbox, leased, delayed or dead; for the stream no
 * pending entry; for the queue an empty list.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The throughput's: on 2 cores, 8 consumer threads reach a steady rate only after about 20 s (the rate still
// doubled between the third and the tenth 2 s iteration). The latencies keep the suite's shorter default.
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 3)
public class ConnectorBench {
  /** How many messages may be between send and ack in the throughput benchmarks. */
  static final int WINDOW = 64;
  /** How long a consumer's receive waits for a message before it looks whether to stop. */
  static final Duration POLL = Duration.ofSeconds(1);
  /** How long a producer waits for a message to be done, and the teardown for the consumers, before giving up. */
  static final long WAIT_SECONDS = 30;
  /** The approximate length the raw stream is trimmed to on each XADD; far above {@link #WINDOW}. */
  static final int TRIM = 10_000;
  /** The consumer group and consumer name of the raw stream: those of ds. */
  static final String GROUP = "ds";
  static final String CONSUMER = "ds";
  /** The element that tells a queue consumer to stop; it differs from {@link BenchRedis#VALUE}. */
  static final String STOP = "stop";

  /**
   * One side: how it sends, receives and acks, and the consumer threads that receive and ack until stopped.
   *
   * <p>{@link #finished} holds a permit for each message that may be sent: {@link #WINDOW} at the start for a
   * throughput state, none for a latency state. A consumer releases one per message it received and acked.
   */
  abstract static class Side {
    private final String part;
    final int consumers;
    private final Semaphore finished;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    BenchRedis redis;

    /**
     * A side whose keys are named after {@code part}, with {@code consumers} consumer threads and {@code window}
     * permits to send.
     */
    Side(String part, int consumers, int window) {
      this.part = part;
      this.consumers = consumers;
      this.finished = new Semaphore(window);
    }

    /** Returns the benchmark name {@code suffix}: {@code <namespace>:<part><suffix>}. */
    final String name(String suffix) {
      return redis.name(part + suffix);
    }

    /** Creates this side's structures, deleting what an earlier fork may have left. */
    abstract void open();

    /** Sends one message and returns the stage of its reply, without waiting. */
    abstract CompletionStage<?> sendAsync();

    /** Sends one message and waits for the reply. */
    abstract void send();

    /**
     * Receives one message, waiting up to {@link #POLL}, checks it and acks it; returns false when none came (or,
     * for the queue, the stop element).
     *
     * @throws IllegalStateException if the message is not the one sent
     */
    abstract boolean receiveAndAck() throws InterruptedException;

    /** Wakes the consumers so that they see that they are stopped; those that wait with a timeout need nothing. */
    void wakeConsumers() {}

    /** Checks that no message is left in Redis: none unacked, pending or queued. */
    abstract void checkEmpty();

    /** Deletes this side's keys. */
    abstract void delete();

    /** Connects, opens the side, checks one message end to end, and starts the consumer threads. */
    final void start() throws InterruptedException {
      redis = BenchRedis.open("ds-bench-connector-" + part);
      open();
      send();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (!receiveAndAck()) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the message sent in the setup did not arrive within " + WAIT_SECONDS + " s");
        }
      }
      checkEmpty();
      for (int i = 0; i < consumers; i++) {
        Thread t = new Thread(this::consume, "ds-bench-connector-" + part + "-consumer-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    private void consume() {
      try {
        while (running) {
          if (receiveAndAck()) {
            done.incrementAndGet();
            finished.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    private void checkNoFailure() {
      Throwable f = failure.get();
      if (f != null) {
        throw new IllegalStateException("a send or a consumer failed", f);
      }
    }

    /** Throughput: takes one permit of the window, then sends without waiting for the reply. */
    final void sendWindowed() throws InterruptedException {
      checkNoFailure();
      if (!finished.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no message was received and acked for " + WAIT_SECONDS + " s", failure.get());
      }
      sent.incrementAndGet();
      sendAsync().whenComplete((r, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      });
    }

    /** Latency: sends, waiting for the reply, then waits until the consumer has received and acked the message. */
    final void sendAndWait() throws InterruptedException {
      checkNoFailure();
      sent.incrementAndGet();
      send();
      if (!finished.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the message was not received and acked within " + WAIT_SECONDS + " s",
            failure.get());
      }
    }

    /**
     * Waits until every message sent is done, stops the consumers, checks that nothing failed and nothing is
     * left, then deletes the keys and disconnects.
     */
    final void stop() throws InterruptedException {
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (done.get() < sent.get() && failure.get() == null && System.nanoTime() - deadline < 0) {
          Thread.sleep(1);
        }
        running = false;
        wakeConsumers();
        for (Thread t : threads) {
          t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
          if (t.isAlive()) {
            t.interrupt();
            throw new IllegalStateException(t.getName() + " did not stop within " + WAIT_SECONDS + " s");
          }
        }
        checkNoFailure();
        if (done.get() != sent.get()) {
          throw new IllegalStateException(sent.get() + " messages were sent but " + done.get() + " received and acked");
        }
        checkEmpty();
      } finally {
        try {
          delete();
        } finally {
          redis.close();
        }
      }
    }
  }

  /** ds: a sending and a receiving {@code Connector<String>}; the consumer threads share the receiving one. */
  abstract static class DsSide extends Side {
    private Connector<String> sender;
    private Connector<String> receiver;

    DsSide(String part, int consumers, int window) {
      super(part, consumers, window);
    }

    @Override
    void open() {
      sender = redis.ds().connector(name("-from"), Codecs.string());
      receiver = redis.ds().connector(name(""), Codecs.string());
      delete();
    }

    @Override
    CompletionStage<?> sendAsync() {
      return sender.async().send(receiver.name(), BenchRedis.VALUE);
    }

    @Override
    void send() {
      sender.send(receiver.name(), BenchRedis.VALUE);
    }

    @Override
    boolean receiveAndAck() throws InterruptedException {
      Delivery<String> d = receiver.receive(POLL);
      if (d == null) {
        return false;
      }
      if (!BenchRedis.VALUE.equals(d.payload()) || !sender.name().equals(d.from())) {
        throw new IllegalStateException("received " + d.payload() + " from " + d.from() + " instead of the value sent");
      }
      d.ack();
      return true;
    }

    @Override
    void checkEmpty() {
      ConnectorStats s = receiver.stats();
      if (s.inbox() != 0 || s.leased() != 0 || s.delayed() != 0 || s.deadLetters() != 0) {
        throw new IllegalStateException("messages were left in the connector " + receiver.name() + ": " + s);
      }
    }

    @Override
    void delete() {
      receiver.delete();
      sender.delete();
    }
  }

  /** Raw Redisson: an {@link RStream} with one consumer group, XADD, XREADGROUP and XACK. */
  abstract static class RawStreamSide extends Side {
    private final AtomicLong ids = new AtomicLong();
    private RStream<String, String> stream;
    private String from;

    RawStreamSide(String part, int consumers, int window) {
      super(part, consumers, window);
    }

    @Override
    void open() {
      from = name("-from");
      stream = redis.redisson().getStream(name(""), StringCodec.INSTANCE);
      stream.delete();
      stream.createGroup(StreamCreateGroupArgs.name(GROUP).makeStream());
    }

    /** Returns the XADD of a new envelope: ds's five fields, with values of the same length. */
    private StreamAddArgs<String, String> envelope() {
      Map<String, String> fields = new LinkedHashMap<>(8);
      fields.put("id", "00000000" + HexFormat.of().toHexDigits(ids.incrementAndGet()));
      fields.put("from", from);
      fields.put("sentAt", Long.toString(System.currentTimeMillis()));
      fields.put("attempt", "0");
      fields.put("payload", BenchRedis.VALUE);
      return StreamAddArgs.entries(fields).trimNonStrict().maxLen(TRIM).noLimit();
    }

    @Override
    CompletionStage<?> sendAsync() {
      return stream.addAsync(envelope());
    }

    @Override
    void send() {
      stream.add(envelope());
    }

    @Override
    boolean receiveAndAck() {
      Map<StreamMessageId, Map<String, String>> read = stream.readGroup(GROUP, CONSUMER,
          StreamReadGroupArgs.neverDelivered().count(1).timeout(POLL));
      if (read == null || read.isEmpty()) {
        return false;
      }
      for (Map.Entry<StreamMessageId, Map<String, String>> e : read.entrySet()) {
        Map<String, String> fields = e.getValue();
        if (fields == null || !BenchRedis.VALUE.equals(fields.get("payload")) || !from.equals(fields.get("from"))) {
          throw new IllegalStateException("read " + fields + " instead of the envelope sent");
        }
        stream.ack(GROUP, e.getKey());
      }
      return true;
    }

    @Override
    void checkEmpty() {
      long pending = stream.getPendingInfo(GROUP).getTotal();
      if (pending != 0) {
        throw new IllegalStateException(pending + " entries of " + stream.getName() + " were left unacked");
      }
    }

    @Override
    void delete() {
      stream.delete();
    }
  }

  /** Raw Redisson: an {@link RBlockingQueue}, {@code offerAsync} and {@code take}; no ack. */
  abstract static class RawQueueSide extends Side {
    private RBlockingQueue<String> queue;

    RawQueueSide(String part, int consumers, int window) {
      super(part, consumers, window);
    }

    @Override
    void open() {
      queue = redis.redisson().getBlockingQueue(name(""), StringCodec.INSTANCE);
      queue.delete();
    }

    @Override
    CompletionStage<?> sendAsync() {
      return queue.offerAsync(BenchRedis.VALUE);
    }

    @Override
    void send() {
      queue.offer(BenchRedis.VALUE);
    }

    @Override
    boolean receiveAndAck() throws InterruptedException {
      String v = queue.take();
      if (STOP.equals(v)) {
        return false;
      }
      if (!BenchRedis.VALUE.equals(v)) {
        throw new IllegalStateException("took " + v + " instead of the value offered");
      }
      return true;
    }

    /** Offers one stop element per consumer, each blocked in {@code take} without a timeout. */
    @Override
    void wakeConsumers() {
      for (int i = 0; i < consumers; i++) {
        queue.offer(STOP);
      }
    }

    @Override
    void checkEmpty() {
      int left = queue.size();
      if (left != 0) {
        throw new IllegalStateException(left + " elements were left in " + queue.getName());
      }
    }

    @Override
    void delete() {
      queue.delete();
    }
  }

  /** ds, 1 consumer thread, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class Ds1 extends DsSide {
    /** Creates the state, for JMH. */
    public Ds1() {
      super("connector-ds1", 1, WINDOW);
    }

    /** Connects, checks one message and starts the consumer. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumer, checks, deletes the keys and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** ds, 8 consumer threads, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class Ds8 extends DsSide {
    /** Creates the state, for JMH. */
    public Ds8() {
      super("connector-ds8", 8, WINDOW);
    }

    /** Connects, checks one message and starts the consumers. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumers, checks, deletes the keys and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** ds, 1 idle consumer thread, one message in flight. */
  @State(Scope.Benchmark)
  public static class DsIdle extends DsSide {
    /** Creates the state, for JMH. */
    public DsIdle() {
      super("connector-ds-idle", 1, 0);
    }

    /** Connects, checks one message and starts the consumer. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Stops the consumer, checks, deletes the keys and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw stream, 1 consumer thread, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class RawStream1 extends RawStreamSide {
    /** Creates the state, for JMH. */
    public RawStream1() {
      super("stream-raw1", 1, WINDOW);
    }

    /** Connects, checks one message and starts the consumer. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumer, checks, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw stream, 8 consumer threads, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class RawStream8 extends RawStreamSide {
    /** Creates the state, for JMH. */
    public RawStream8() {
      super("stream-raw8", 8, WINDOW);
    }

    /** Connects, checks one message and starts the consumers. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumers, checks, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw stream, 1 idle consumer thread, one message in flight. */
  @State(Scope.Benchmark)
  public static class RawStreamIdle extends RawStreamSide {
    /** Creates the state, for JMH. */
    public RawStreamIdle() {
      super("stream-raw-idle", 1, 0);
    }

    /** Connects, checks one message and starts the consumer. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Stops the consumer, checks, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw queue, 1 consumer thread, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class RawQueue1 extends RawQueueSide {
    /** Creates the state, for JMH. */
    public RawQueue1() {
      super("queue-raw1", 1, WINDOW);
    }

    /** Connects, checks one message and starts the consumer. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumer, checks, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** Raw queue, 8 consumer threads, {@value #WINDOW} messages in flight at most. */
  @State(Scope.Benchmark)
  public static class RawQueue8 extends RawQueueSide {
    /** Creates the state, for JMH. */
    public RawQueue8() {
      super("queue-raw8", 8, WINDOW);
    }

    /** Connects, checks one message and starts the consumers. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      start();
    }

    /** Waits for the last messages, stops the consumers, checks, deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop();
    }
  }

  /** ds: async {@code send} on this thread; {@code receive} and {@code ack} on 1 consumer thread. */
  @Benchmark
  public void throughputDs1(Ds1 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** ds: async {@code send} on this thread; {@code receive} and {@code ack} on 8 consumer threads. */
  @Benchmark
  public void throughputDs8(Ds8 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** Raw stream: XADD on this thread; XREADGROUP and XACK on 1 consumer thread. */
  @Benchmark
  public void throughputRawStream1(RawStream1 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** Raw stream: XADD on this thread; XREADGROUP and XACK on 8 consumer threads. */
  @Benchmark
  public void throughputRawStream8(RawStream8 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** Raw queue: {@code offerAsync} on this thread; {@code take} on 1 consumer thread. */
  @Benchmark
  public void throughputRawQueue1(RawQueue1 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** Raw queue: {@code offerAsync} on this thread; {@code take} on 8 consumer threads. */
  @Benchmark
  public void throughputRawQueue8(RawQueue8 side) throws InterruptedException {
    side.sendWindowed();
  }

  /** ds: {@code send} on this thread, until the idle consumer has received and acked the message. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 3, time = 3)
  public void latencyDs(DsIdle side) throws InterruptedException {
    side.sendAndWait();
  }

  /** Raw stream: XADD on this thread, until the idle consumer has read (XREADGROUP) and acked (XACK) it. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 3, time = 3)
  public void latencyRawStream(RawStreamIdle side) throws InterruptedException {
    side.sendAndWait();
  }
}
