package io.dstruct.internal.connector;

import io.dstruct.AsyncConnector;
import io.dstruct.Codec;
import io.dstruct.ConnectorOptions;
import io.dstruct.ConnectorStats;
import io.dstruct.DeadLetter;
import io.dstruct.Delivery;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsLeaseException;
import io.dstruct.DsOutcomeUnknownException;
import io.dstruct.DsTimeoutException;
import io.dstruct.Page;
import io.dstruct.SendOptions;
import io.dstruct.internal.Checks;
import io.dstruct.internal.Encoding;
import io.dstruct.internal.Metrics;
import io.dstruct.internal.Redis;
import io.dstruct.scripts.DsScript;
import io.dstruct.scripts.ScriptReplyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.options.PlainOptions;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * The operations of a Connector, all asynchronous; {@link ConnectorImpl} is the blocking view.
 *
 * <p>Every move of a message is one {@code connector_*} script on the keys of one connector. A receive runs one
 * state machine ({@link ReceiveRun}): reclaim expired leases now and then, look at the delayed set now and then
 * (the {@code connector_receive} script, which also leases), move due delayed messages when a look says one is
 * due, and otherwise lease with a plain XREADGROUP that waits on the server for at most one second (less when a
 * delayed message, the next look or the next reclaim is due sooner). The plain read is the hot path: one command,
 * as a raw stream consumer sends; leasing a new message is a single XREADGROUP either way. Leases are held by the
 * one consumer {@code ds} of the group {@code ds}. A stream id is leased once only: a reclaim, nack or release adds
 * the message again as a new entry. So the stream id alone is the lease's token, an answer's XACK tells whether
 * the delivery still holds its lease, and a stale delivery is refused whichever process sends it.
 */
public final class AsyncConnectorImpl<T> implements AsyncConnector<T> {
  static final String GROUP = "ds";
  static final String CONSUMER = "ds";
  /** The longest blocking read of a waiting receive: a cancelled wait frees its connection within this. */
  private static final long SLICE_MS = 1000;
  /** How many due delayed messages one promote moves. */
  private static final int PROMOTE_BATCH = 100;
  /** The most deliveries one receive asks for. */
  static final int MAX_BATCH = 1000;
  /** The most dead letters one page holds. */
  private static final int MAX_PAGE = 10_000;
  /** A wait longer than this is a wait for ever. */
  private static final Duration FOREVER = Duration.ofDays(365L * 100);
  private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Stream fields as strings, values as bytes. */
  private static final CompositeCodec FIELDS =
      new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE, ByteArrayCodec.INSTANCE);

  final Redis redis;
  final String name;
  final ConnectorKeys keys;
  final ConnectorOptions options;
  private final Encoding<T> values;
  private final Codec<T> codec;
  /** The inbox for the blocking XREADGROUP, a write: Redisson never resends it. */
  private final RStream<String, byte[]> inboxReader;
  private final RStream<String, byte[]> deadReader;
  private final long reclaimEveryNanos;
  private final AtomicLong nextReclaim;
  /** The keys of the connector last sent to: a sender mostly sends to few. */
  private volatile @Nullable ConnectorKeys lastTarget;
  /** When (nanoTime) a receive next runs the receive script, to learn when the next delayed message is due. */
  private final AtomicLong nextLook;
  /** The stats read of the gauges under way, or the last one ({@link #gaugeStats}). */
  private volatile @Nullable CompletableFuture<ConnectorStats> gaugeRead;

  AsyncConnectorImpl(Redis redis, String name, Codec<T> codec, ConnectorOptions options) {
    this.keys = ConnectorKeys.of(name);
    this.redis = redis;
    this.name = name;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.values = new Encoding<>(codec);
    this.options = Objects.requireNonNull(options, "options");
    this.inboxReader = redis.client().getStream(PlainOptions.name(keys.inbox()).codec(FIELDS).retryAttempts(0));
    this.deadReader = redis.client().getStream(keys.dead(), FIELDS);
    long vt = options.visibilityTimeout().toNanos();
    this.reclaimEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(vt / 2, TimeUnit.SECONDS.toNanos(1)));
    this.nextReclaim = new AtomicLong(System.nanoTime());
    this.nextLook = new AtomicLong(System.nanoTime());
    Metrics metrics = redis.metrics();
    metrics.gauge("ds.connector.messages", () -> gaugeStats().thenApply(ConnectorStats::ready), "name", name, "state",
        "ready");
    metrics.gauge("ds.connector.messages", () -> gaugeStats().thenApply(ConnectorStats::leased), "name", name, "state",
        "leased");
    metrics.gauge("ds.connector.messages", () -> gaugeStats().thenApply(ConnectorStats::delayed), "name", name, "state",
        "delayed");
    metrics.gauge("ds.connector.messages", () -> gaugeStats().thenApply(ConnectorStats::deadLetters), "name", name,
        "state", "dead");
  }

  /**
   * Returns the stats read that the four gauges share: the one under way, else a new one, so that a scrape, which
   * reads the four in a row, runs one {@code connector_stats} rather than four.
   */
  private CompletionStage<ConnectorStats> gaugeStats() {
    CompletableFuture<ConnectorStats> read = gaugeRead;
    if (read == null || read.isDone()) {
      read = stats().toCompletableFuture();
      gaugeRead = read;
    }
    return read;
  }

  // ---- plumbing

  /** Runs {@code op}, translating its failure for the connector's inbox key. */
  private <R> CompletableFuture<@Nullable R> run(DsScript op, RScript.ReturnType reply, List<Object> keyList,
      Object... args) {
    return run(op, reply, keys.inbox(), keyList, args);
  }

  private <R> CompletableFuture<@Nullable R> run(DsScript op, RScript.ReturnType reply, String key,
      List<Object> keyList, Object... args) {
    return redis.scripts().<R>run(op, reply, keyList, args).toCompletableFuture()
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(Redis.translate(e, key)));
  }

  /** Returns a new random id: 24 lowercase hex digits. */
  static String newId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Encodes a payload, refusing one over the connector's limit. */
  byte[] encode(T payload, String redisKey) {
    byte[] bytes = values.encode(redisKey, Objects.requireNonNull(payload, "payload"));
    if (bytes.length > options.maxPayloadBytes()) {
      throw new DsInvalidArgumentException("the payload for '" + redisKey + "' is " + bytes.length
          + " bytes once encoded, over the connector's maxPayloadBytes of " + options.maxPayloadBytes());
    }
    return bytes;
  }

  T decode(byte[] raw, String redisKey) {
    return Objects.requireNonNull(values.decode(redisKey, raw));
  }

  Codec<T> codec() {
    return codec;
  }

  private static long millis(Duration d) {
    return d.compareTo(FOREVER) > 0 ? FOREVER.toMillis() : d.toMillis();
  }

  // ---- send

  @Override
  public CompletionStage<String> send(String to, T payload) {
    return send(to, payload, SendOptions.now());
  }

  @Override
  public CompletionStage<String> send(String to, T payload, SendOptions sendOptions) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(sendOptions, "options");
    ConnectorKeys target = target(to);
    byte[] bytes = encode(payload, target.inbox());
    String id = newId();
    Instant at = sendOptions.deliverAt();
    long atMs = at == null || at.isBefore(Instant.EPOCH) ? 0 : at.toEpochMilli();
    return sendRaw(target, id, bytes, sendOptions.delay().toMillis(), atMs, "", "").thenApply(sentAt -> id);
  }

  /** Returns the keys of the connector {@code to}, checking its name. */
  private ConnectorKeys target(String to) {
    ConnectorKeys last = lastTarget;
    if (last != null && last.name().equals(to)) {
      return last;
    }
    ConnectorKeys keys = ConnectorKeys.of(to);
    lastTarget = keys;
    return keys;
  }

  private CompletableFuture<@Nullable Long> sendRaw(ConnectorKeys target, String id, byte[] payload, long delayMs,
      long atMs, String replyTo, String corr) {
    return run(DsScript.CONNECTOR_SEND, RScript.ReturnType.LONG, target.inbox(),
        List.of(target.inbox(), target.delayed(), target.delayedMsgs()), id, name, payload, delayMs, atMs, replyTo,
        corr);
  }

  // ---- receive

  @Override
  public CompletionStage<@Nullable Delivery<T>> receive(Duration timeout) {
    return handed(receive(1, Checks.notNegative(timeout, "timeout"), false), list -> list.isEmpty() ? null : list.get(0));
  }

  @Override
  public CompletionStage<List<Delivery<T>>> receive(int max, Duration timeout) {
    Checks.inRange(max, 1, MAX_BATCH, "max");
    return handed(receive(max, Checks.notNegative(timeout, "timeout"), false), List::copyOf);
  }

  /**
   * Returns a stage of {@code receipt}'s deliveries mapped by {@code map}, whose cancellation cancels the receive;
   * deliveries that come as it is cancelled are given back.
   */
  private <R> CompletableFuture<R> handed(Receipt<T> receipt, Function<List<DeliveryImpl<T>>, R> map) {
    CompletableFuture<R> out = new CompletableFuture<>();
    out.whenComplete((v, e) -> {
      if (out.isCancelled()) {
        receipt.cancel(false);
      }
    });
    receipt.whenComplete((list, e) -> {
      if (e != null) {
        out.completeExceptionally(Redis.unwrap(e));
      } else if (!out.complete(map.apply(list))) {
        list.forEach(d -> releaseEntry(d.envelope()));
      }
    });
    return out;
  }

  /**
   * Starts a receive of up to {@code max} messages, waiting up to {@code timeout} for the first (zero: not at
   * all), or for ever when {@code forever}.
   */
  Receipt<T> receive(int max, Duration timeout, boolean forever) {
    ReceiveRun run = new ReceiveRun(max, !timeout.isZero() || forever,
        forever || timeout.compareTo(FOREVER) > 0 ? Long.MAX_VALUE : timeout.toNanos());
    run.fetch();
    return run.result;
  }

  /**
   * The stage of a receive: it completes with the deliveries handed over, or an empty list. {@link #settled()}
   * completes once the receive holds no lease it has not handed over: each is handed over or given back.
   *
   * @param <T> the type of the payloads
   */
  static final class Receipt<T> extends CompletableFuture<List<DeliveryImpl<T>>> {
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    /** Returns a stage that completes when nothing this receive leased is left unhanded. */
    CompletableFuture<Void> settled() {
      return settled;
    }
  }

  /** The entries the receive script leased, and the ms until the next delayed message is due (-1: none known). */
  private record Batch(List<Envelope> entries, long nextDue) {}

  private static Batch batch(@Nullable List<?> reply) {
    List<Envelope> entries = new ArrayList<>();
    long nextDue = -1;
    if (reply != null && !reply.isEmpty()) {
      nextDue = ((Number) reply.get(0)).longValue();
      for (int i = 1; i < reply.size(); i++) {
        entries.add(Envelope.of((List<?>) reply.get(i)));
      }
    }
    return new Batch(entries, nextDue);
  }

  /** Gives back the messages whose lease ran out, as new entries at the end of the inbox; a receive leases them. */
  private CompletableFuture<@Nullable Long> reclaimScript() {
    return run(DsScript.CONNECTOR_RECLAIM, RScript.ReturnType.LONG, List.of(keys.inbox(), keys.dead(), keys.deadIds()),
        MAX_BATCH, options.visibilityTimeout().toMillis(), options.maxAttempts(), options.deadLetterLimit());
  }

  /** Runs the receive script, which leases as a plain read does and says when the next delayed message is due. */
  private CompletableFuture<Batch> look(int max) {
    return receiveScript(max).whenComplete((b, e) -> {
      if (e != null) {
        lookNow();
      } else {
        looked(b.nextDue());
      }
    });
  }

  private CompletableFuture<Batch> receiveScript(int max) {
    return this.<List<Object>>run(DsScript.CONNECTOR_RECEIVE, RScript.ReturnType.LIST,
        List.of(keys.inbox(), keys.dead(), keys.deadIds(), keys.delayed()),
        max, options.maxAttempts(), options.deadLetterLimit())
        .thenApply(AsyncConnectorImpl::batch);
  }

  private CompletableFuture<@Nullable List<Object>> promoteScript() {
    return run(DsScript.CONNECTOR_PROMOTE, RScript.ReturnType.LIST,
        List.of(keys.inbox(), keys.delayed(), keys.delayedMsgs()), PROMOTE_BATCH);
  }

  /**
   * Leases up to {@code max} new messages, waiting on the server up to {@code sliceMs} for the first (0: not at
   * all).
   */
  private CompletableFuture<List<Envelope>> blockingRead(int max, long sliceMs) {
    StreamReadGroupArgs args = StreamReadGroupArgs.neverDelivered().count(max);
    StreamReadGroupArgs leasing = sliceMs > 0 ? args.timeout(Duration.ofMillis(sliceMs)) : args;
    return redis.scripts().send("XREADGROUP", false, () -> inboxReader.readGroupAsync(GROUP, CONSUMER, leasing))
        .toCompletableFuture()
        .thenApply(read -> {
          List<Envelope> out = new ArrayList<>();
          if (read != null) {
            for (Map.Entry<StreamMessageId, Map<String, byte[]>> e : read.entrySet()) {
              out.add(new Envelope(e.getKey().toString(), 1, e.getValue() == null ? Map.of() : e.getValue()));
            }
          }
          return out;
        });
  }

  /**
   * Returns whether a receive should run the receive script now: a look at the delayed set is due at most once
   * per reclaim interval, sooner when a delayed message is due sooner or the inbox or its group is missing.
   */
  private boolean lookDue() {
    return claim(nextLook);
  }

  /** Records what a look said: the ms until the next delayed message is due, -1 if there is none. */
  private void looked(long nextDueMs) {
    long wait = nextDueMs < 0 ? reclaimEveryNanos
        : Math.min(reclaimEveryNanos, TimeUnit.MILLISECONDS.toNanos(nextDueMs));
    nextLook.set(System.nanoTime() + wait);
  }

  /** Makes the next fetch of every receive look: the inbox or its group is gone, or a delayed message is due. */
  private void lookNow() {
    nextLook.set(System.nanoTime());
  }

  /** Returns whether this connector should reclaim expired leases now; at most once per interval. */
  private boolean reclaimDue() {
    return claim(nextReclaim);
  }

  /**
   * Returns whether the time in {@code next} (nanoTime) has come, and if so moves it one reclaim interval on, so
   * that of the receives that ask at once only one is told yes.
   */
  private boolean claim(AtomicLong next) {
    long now = System.nanoTime();
    long due = next.get();
    return now - due >= 0 && next.compareAndSet(due, now + reclaimEveryNanos);
  }

  /** One receive: fetch (reclaim, receive, promote), then hand over or wait, until it has deliveries or times out. */
  private final class ReceiveRun {
    private final int max;
    private final boolean waits;
    private final long start = System.nanoTime();
    private final long timeoutNanos;
    final Receipt<T> result = new Receipt<>();
    /** The steps under way that may hold leases not handed over yet. */
    private final AtomicInteger holding = new AtomicInteger();

    ReceiveRun(int max, boolean waits, long timeoutNanos) {
      this.max = max;
      this.waits = waits;
      this.timeoutNanos = timeoutNanos;
      result.whenComplete((v, e) -> {
        if (holding.get() == 0) {
          result.settled.complete(null);
        }
      });
    }

    private long left() {
      return timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
    }

    private void hold() {
      holding.incrementAndGet();
    }

    private void unhold() {
      if (holding.decrementAndGet() == 0 && result.isDone()) {
        result.settled.complete(null);
      }
    }

    /**
     * Reclaims expired leases when due, else (or when none) leases new messages: with the receive script when a
     * look is due, else with a plain read that waits on the server.
     */
    void fetch() {
      boolean reclaim = reclaimDue();
      if (!reclaim && !lookDue()) {
        read(false);
        return;
      }
      hold();
      if (result.isDone()) {
        unhold();
        return;
      }
      CompletableFuture<Batch> step = reclaim ? reclaimScript().thenCompose(n -> look(max)) : look(max);
      step.whenComplete((b, e) -> {
        if (e != null) {
          unhold();
          failed(e);
        } else if (!b.entries().isEmpty()) {
          handOver(b.entries());
        } else if (b.nextDue() == 0) {
          promoteScript().whenComplete((r, pe) -> {
            unhold();
            lookNow(); // lease what moved, and learn when the next one is due
            if (pe != null) {
              failed(pe);
            } else {
              fetch();
            }
          });
        } else {
          unhold();
          read(true);
        }
      });
    }

    /** A step failed: a lost reply is waited out (the leases it may have taken come back), anything else fails. */
    private void failed(Throwable e) {
      Throwable t = Redis.unwrap(e);
      if (t instanceof DsOutcomeUnknownException || isNoGroup(t)) {
        if (waits && left() > 0) {
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(this::fetch);
        } else {
          result.complete(List.of());
        }
        return;
      }
      result.completeExceptionally(t);
    }

    /**
     * Leases new messages with a plain XREADGROUP, which waits on the server for a slice when this receive waits,
     * then fetches again if none came. {@code looked}: the receive script has just leased none, so a receive that
     * does not wait is over.
     */
    private void read(boolean looked) {
      long left = left();
      boolean blocks = waits && left > 0;
      if (!blocks && looked) {
        result.complete(List.of());
        return;
      }
      long slice = 0;
      if (blocks) {
        long now = System.nanoTime();
        long toNext = Math.min(nextReclaim.get(), nextLook.get()) - now;
        slice = Math.min(SLICE_MS, TimeUnit.NANOSECONDS.toMillis(Math.min(left, toNext) + 999_999));
        slice = Math.max(1, slice);
      }
      hold();
      if (result.isDone()) {
        unhold();
        return;
      }
      blockingRead(max, slice).whenComplete((entries, e) -> {
        if (e != null) {
          unhold();
          Throwable t = Redis.translate(e, keys.inbox());
          boolean noGroup = isNoGroup(Redis.unwrap(e));
          if (noGroup) {
            lookNow(); // the inbox or its group is missing: the receive script makes them
          }
          if (noGroup || (blocks && t instanceof DsOutcomeUnknownException)) {
            fetch(); // the read's reply was lost: its lease comes back later
          } else if (t instanceof DsOutcomeUnknownException) {
            result.complete(List.of());
          } else {
            result.completeExceptionally(t);
          }
        } else if (entries.isEmpty()) {
          unhold();
          if (blocks) {
            fetch();
          } else {
            result.complete(List.of());
          }
        } else {
          handOver(entries);
        }
      });
    }

    /**
     * Hands the usable entries over, dead-letters the others (malformed, undecodable, past their attempts), and
     * gives the usable ones back when the caller is gone. Ends the hold of the step that leased them. The receive
     * goes on, or returns, once the dead letters are written, so a caller that got past a poison message finds it
     * among the dead letters.
     */
    private void handOver(List<Envelope> entries) {
      List<DeliveryImpl<T>> good = new ArrayList<>();
      List<CompletableFuture<?>> rejects = new ArrayList<>();
      for (Envelope env : entries) {
        String problem = env.problem();
        if (problem == null && env.attempt() > options.maxAttempts()) {
          problem = "more than " + options.maxAttempts() + " attempts";
        }
        if (problem == null) {
          try {
            good.add(new DeliveryImpl<>(AsyncConnectorImpl.this, env, decode(env.payload(), keys.inbox())));
          } catch (RuntimeException ex) {
            problem = "the payload does not decode: " + ex.getMessage();
          }
        }
        if (problem != null) {
          hold();
          rejects.add(rejectEntry(env, problem).whenComplete((x, ex) -> unhold()));
        }
      }
      // A failed dead-lettering leaves its entry leased: it is reclaimed and handled again later.
      CompletableFuture.allOf(rejects.toArray(CompletableFuture[]::new)).handle((x, ex) -> null).thenRun(() -> {
        if (good.isEmpty()) {
          unhold();
          fetch();
          return;
        }
        if (!result.complete(good)) {
          for (DeliveryImpl<T> d : good) {
            hold();
            releaseEntry(d.envelope()).whenComplete((x, ex) -> unhold());
          }
        }
        unhold();
      });
    }
  }

  /**
   * Whether {@code t} says the inbox or its group vanished under a read: NOGROUP, or (Redis 7) UNBLOCKED for a
   * blocked XREADGROUP whose stream was deleted. The next fetch creates them again.
   */
  private static boolean isNoGroup(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String msg = c.getMessage();
      if (msg != null && (msg.contains("NOGROUP") || msg.contains("UNBLOCKED"))) {
        return true;
      }
    }
    return false;
  }

  // ---- answers (used by DeliveryImpl)

  /** Translates the lease errors of an answer script into {@link DsLeaseException}. */
  private <R> CompletableFuture<R> leased(Envelope env, CompletableFuture<R> stage) {
    return stage.exceptionallyCompose(e -> {
      Throwable t = Redis.unwrap(e);
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof ScriptReplyException s) {
          if (s.code().equals("NOTLEASED")) {
            return CompletableFuture.failedFuture(new DsLeaseException(name, env.messageId(),
                DsLeaseException.Reason.NOT_LEASED, "message " + env.messageId() + " of connector '" + name
                + "' is no longer leased: it was answered, or its lease ran out and another delivery answered it"));
          }
        }
      }
      return CompletableFuture.failedFuture(t);
    });
  }

  CompletableFuture<Void> ack(Envelope env) {
    return leased(env, run(DsScript.CONNECTOR_ACK, RScript.ReturnType.LONG, List.of(keys.inbox()),
        env.streamId())).thenApply(x -> null);
  }

  CompletableFuture<Void> nack(Envelope env, Duration delay, String error) {
    return leased(env, run(DsScript.CONNECTOR_NACK, RScript.ReturnType.LONG,
        List.of(keys.inbox(), keys.delayed(), keys.delayedMsgs(), keys.dead(), keys.deadIds()),
        env.streamId(), millis(delay), error, options.maxAttempts(), options.deadLetterLimit()))
        .thenApply(x -> null);
  }

  CompletableFuture<Void> reject(Envelope env, String reason) {
    return leased(env, rejectEntry(env, reason)).thenApply(x -> null);
  }

  private CompletableFuture<@Nullable Long> rejectEntry(Envelope env, String reason) {
    return run(DsScript.CONNECTOR_REJECT, RScript.ReturnType.LONG, List.of(keys.inbox(), keys.dead(), keys.deadIds()),
        env.streamId(), reason, options.deadLetterLimit());
  }

  CompletableFuture<Void> extend(Envelope env, Duration duration) {
    long idle = options.visibilityTimeout().toMillis() - duration.toMillis();
    return leased(env, run(DsScript.CONNECTOR_EXTEND, RScript.ReturnType.LONG, List.of(keys.inbox()),
        env.streamId(), Math.max(0, idle))).thenApply(x -> null);
  }

  CompletableFuture<Void> release(Envelope env) {
    return leased(env, releaseEntry(env)).thenApply(x -> null);
  }

  private CompletableFuture<@Nullable Long> releaseEntry(Envelope env) {
    return run(DsScript.CONNECTOR_RELEASE, RScript.ReturnType.LONG, List.of(keys.inbox()), env.streamId());
  }

  /** Delivers a reply into the mailbox of the request {@code corr} of the connector {@code replyTo}. */
  CompletableFuture<Boolean> reply(String replyTo, String corr, T payload) {
    ConnectorKeys target = ConnectorKeys.of(replyTo);
    String mailbox = target.reply(corr);
    byte[] bytes = encode(payload, mailbox);
    return this.<Long>run(DsScript.CONNECTOR_REPLY, RScript.ReturnType.LONG, mailbox,
        List.of(target.requests(), mailbox, target.late()), corr, name, bytes)
        .thenApply(r -> r != null && r == 1L);
  }

  // ---- request

  @Override
  public CompletionStage<T> request(String to, T payload, Duration timeout) {
    Objects.requireNonNull(to, "to");
    Checks.positive(timeout, "timeout");
    ConnectorKeys target = ConnectorKeys.of(to);
    byte[] bytes = encode(payload, target.inbox());
    String corr = newId();
    String mailbox = keys.reply(corr);
    long deadline = System.nanoTime() + Math.min(timeout.toNanos(), FOREVER.toNanos());
    CompletableFuture<T> result = new CompletableFuture<>();
    RStream<String, byte[]> box = redis.client().getStream(mailbox, FIELDS);
    result.whenComplete((v, e) -> {
      if (result.isCancelled()) {
        close(corr, mailbox).whenComplete((r, ce) -> forget(mailbox));
      }
    });
    this.<Long>run(DsScript.CONNECTOR_REQUEST, RScript.ReturnType.LONG, keys.requests(), List.of(keys.requests()),
            corr, millis(timeout))
        .thenCompose(d -> sendRaw(target, newId(), bytes, 0, 0, name, corr))
        .whenComplete((x, e) -> {
          if (e != null) {
            close(corr, mailbox).whenComplete((r, ce) -> result.completeExceptionally(Redis.unwrap(e)));
          } else {
            awaitReply(box, corr, mailbox, deadline, timeout, result);
          }
        });
    return result;
  }

  /** Waits on the request's mailbox one slice at a time until a reply comes or the deadline passes. */
  private void awaitReply(RStream<String, byte[]> box, String corr, String mailbox, long deadline, Duration timeout,
      CompletableFuture<T> result) {
    if (result.isDone()) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      close(corr, mailbox).whenComplete((reply, e) -> {
        if (e != null) {
          result.completeExceptionally(Redis.unwrap(e));
        } else if (reply != null && !reply.isEmpty()) {
          complete(Envelope.fields(reply), mailbox, result);
        } else {
          forget(mailbox);
          result.completeExceptionally(new DsTimeoutException("no reply to the request of connector '" + name
              + "' came within " + timeout));
        }
      });
      return;
    }
    long slice = Math.max(1, Math.min(SLICE_MS, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
    Redis.on(mailbox, box.readAsync(StreamReadArgs.greaterThan(new StreamMessageId(0, 0)).count(1)
            .timeout(Duration.ofMillis(slice))))
        .whenComplete((read, e) -> {
          if (e != null) {
            close(corr, mailbox).whenComplete((r, ce) -> result.completeExceptionally(Redis.unwrap(e)));
          } else if (read == null || read.isEmpty()) {
            awaitReply(box, corr, mailbox, deadline, timeout, result);
          } else {
            complete(read.values().iterator().next(), mailbox, result);
          }
        });
  }

  private void complete(Map<String, byte[]> reply, String mailbox, CompletableFuture<T> result) {
    forget(mailbox);
    byte[] payload = reply.get("payload");
    try {
      if (payload == null) {
        throw new io.dstruct.DsCodecException(mailbox, "the reply has no payload", null);
      }
      result.complete(decode(payload, mailbox));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** Ends the wait of the request {@code corr}; the stage holds its reply's fields if one came first. */
  private CompletableFuture<@Nullable List<Object>> close(String corr, String mailbox) {
    return run(DsScript.CONNECTOR_REQUEST_CLOSE, RScript.ReturnType.LIST, keys.requests(),
        List.of(keys.requests(), mailbox), corr);
  }

  /** Deletes a request's mailbox once read; it would expire by itself a minute after the deadline. */
  private void forget(String mailbox) {
    redis.scripts().send("DEL", true, () -> redis.client().getKeys().deleteAsync(mailbox));
  }

  // ---- dead letters

  @Override
  public CompletionStage<List<DeadLetter<T>>> deadLetters() {
    int count = (int) Math.min(Integer.MAX_VALUE, options.deadLetterLimit());
    return Redis.on(keys.dead(), deadReader.rangeAsync(count, StreamMessageId.MIN, StreamMessageId.MAX))
        .thenApply(range -> {
          List<DeadLetter<T>> out = new ArrayList<>(range.size());
          range.forEach((sid, fields) -> out.add(new DeadLetterImpl<>(this, sid.toString(), fields)));
          return out;
        });
  }

  @Override
  public CompletionStage<Page<DeadLetter<T>>> deadLetters(int limit, @Nullable String cursor) {
    Checks.inRange(limit, 1, MAX_PAGE, "limit");
    StreamMessageId from = StreamMessageId.MIN;
    if (cursor != null) {
      if (!STREAM_ID.matcher(cursor).matches()) {
        throw new DsInvalidArgumentException("not a cursor of connector '" + name + "': " + cursor);
      }
      int dash = cursor.indexOf('-');
      try {
        from = new StreamMessageId(Long.parseLong(cursor.substring(0, dash)),
            Math.addExact(Long.parseLong(cursor.substring(dash + 1)), 1));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new DsInvalidArgumentException("not a cursor of connector '" + name + "': " + cursor);
      }
    }
    return Redis.on(keys.dead(), deadReader.rangeAsync(limit + 1, from, StreamMessageId.MAX)).thenApply(range -> {
      List<DeadLetter<T>> items = new ArrayList<>(Math.min(limit, range.size()));
      String last = null;
      for (Map.Entry<StreamMessageId, Map<String, byte[]>> e : range.entrySet()) {
        if (items.size() == limit) {
          return new Page<>(items, last);
        }
        last = e.getKey().toString();
        items.add(new DeadLetterImpl<>(this, last, e.getValue()));
      }
      return new Page<>(items, null);
    });
  }

  @Override
  public CompletionStage<Boolean> replay(String id) {
    Objects.requireNonNull(id, "id");
    Checks.notEmpty(id, "id");
    return this.<Long>run(DsScript.CONNECTOR_REPLAY, RScript.ReturnType.LONG,
        List.of(keys.inbox(), keys.dead(), keys.deadIds()), id).thenApply(r -> r != null && r == 1L);
  }

  @Override
  public CompletionStage<Void> clearDeadLetters() {
    return run(DsScript.DELETE_KEYS_TYPED, RScript.ReturnType.LONG, keys.dead(), List.of(keys.dead(), keys.deadIds()),
        "delete", "stream", "hash").thenApply(x -> null);
  }

  // ---- the rest

  @Override
  public CompletionStage<ConnectorStats> stats() {
    return this.<List<Object>>run(DsScript.CONNECTOR_STATS, RScript.ReturnType.LIST,
        List.of(keys.inbox(), keys.delayed(), keys.dead(), keys.late())).thenApply(r -> {
          long[] n = new long[5];
          for (int i = 0; i < 5 && r != null && i < r.size(); i++) {
            n[i] = ((Number) r.get(i)).longValue();
          }
          return new ConnectorStats(n[0], n[1], n[2], n[3], n[4]);
        });
  }

  @Override
  public CompletionStage<Void> delete() {
    List<Object> args = new ArrayList<>();
    args.add("delete");
    args.addAll(ConnectorKeys.ALL_TYPES);
    return run(DsScript.DELETE_KEYS_TYPED, RScript.ReturnType.LONG, keys.all(), args.toArray())
        .thenApply(x -> null);
  }
}
