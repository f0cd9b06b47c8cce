package io.dstruct.internal.connector;

import io.dstruct.AsyncDelivery;
import io.dstruct.Delivery;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsLeaseException;
import io.dstruct.internal.Checks;
import io.dstruct.internal.Redis;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One delivery: its envelope, decoded payload and the state of its answer. The first answer that succeeds wins;
 * while one is under way, others are refused. An answer that failed lets the delivery be answered again: the
 * server then tells whether it still holds the lease.
 */
final class DeliveryImpl<T> implements Delivery<T> {
  private static final int LEASED = 0;
  private static final int ANSWERING = 1;
  private static final int SETTLED = 2;

  private final AsyncConnectorImpl<T> connector;
  private final Envelope envelope;
  private final T payload;
  private final AtomicInteger state = new AtomicInteger(LEASED);
  private final Async async = new Async();

  DeliveryImpl(AsyncConnectorImpl<T> connector, Envelope envelope, T payload) {
    this.connector = connector;
    this.envelope = envelope;
    this.payload = payload;
  }

  Envelope envelope() {
    return envelope;
  }

  @Override
  public String id() {
    return envelope.messageId();
  }

  @Override
  public String from() {
    return envelope.from();
  }

  @Override
  public Instant sentAt() {
    return Instant.ofEpochMilli(envelope.sentAt());
  }

  @Override
  public T payload() {
    return payload;
  }

  @Override
  public int attempt() {
    return (int) Math.min(Integer.MAX_VALUE, envelope.attempt());
  }

  @Override
  public @Nullable String lastError() {
    return envelope.text("error");
  }

  @Override
  public boolean isRequest() {
    return envelope.text("replyTo") != null;
  }

  @Override
  public void ack() {
    Redis.join(async.ack());
  }

  @Override
  public void nack(Duration delay) {
    Redis.join(async.nack(delay));
  }

  @Override
  public void nack(Duration delay, String error) {
    Redis.join(async.nack(delay, error));
  }

  @Override
  public void reject(String reason) {
    Redis.join(async.reject(reason));
  }

  @Override
  public void extend(Duration duration) {
    Redis.join(async.extend(duration));
  }

  @Override
  public void release() {
    Redis.join(async.release());
  }

  @Override
  public boolean reply(T payload) {
    return Redis.join(async.reply(payload));
  }

  @Override
  public AsyncDelivery<T> async() {
    return async;
  }

  @Override
  public String toString() {
    return "Delivery(" + id() + " from " + from() + " at " + sentAt() + ", attempt " + attempt() + ": " + payload + ")";
  }

  private DsLeaseException settled() {
    return new DsLeaseException(connector.name, id(), DsLeaseException.Reason.SETTLED, "message " + id()
        + " of connector '" + connector.name + "': this delivery was answered already");
  }

  /** Runs an answer that settles the delivery, once. */
  private CompletionStage<Void> answer(Supplier<CompletableFuture<Void>> send) {
    if (!state.compareAndSet(LEASED, ANSWERING)) {
      return CompletableFuture.failedFuture(settled());
    }
    CompletableFuture<Void> sent;
    try {
      sent = send.get();
    } catch (RuntimeException e) {
      state.set(LEASED);
      throw e;
    }
    // A failed answer wrote nothing (or, when its reply was lost, may have): the delivery may be answered again,
    // and the server says whether it still holds the lease.
    return sent.whenComplete((v, e) -> state.set(e != null ? LEASED : SETTLED));
  }

  /** The asynchronous answers. */
  private final class Async implements AsyncDelivery<T> {
    @Override
    public CompletionStage<Void> ack() {
      return answer(() -> connector.ack(envelope));
    }

    @Override
    public CompletionStage<Void> nack(Duration delay) {
      return nack(delay, "nacked");
    }

    @Override
    public CompletionStage<Void> nack(Duration delay, String error) {
      Checks.notNegative(delay, "delay");
      Objects.requireNonNull(error, "error");
      return answer(() -> connector.nack(envelope, delay, error));
    }

    @Override
    public CompletionStage<Void> reject(String reason) {
      Objects.requireNonNull(reason, "reason");
      return answer(() -> connector.reject(envelope, reason));
    }

    @Override
    public CompletionStage<Void> extend(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      Duration vt = connector.options.visibilityTimeout();
      if (duration.toMillis() < 1 || duration.compareTo(vt) > 0) {
        throw new DsInvalidArgumentException("an extension must be between 1 ms and the visibility timeout ("
            + vt.toMillis() + " ms), got " + duration);
      }
      if (state.get() != LEASED) {
        return CompletableFuture.failedFuture(settled());
      }
      return connector.extend(envelope, duration);
    }

    @Override
    public CompletionStage<Void> release() {
      return answer(() -> connector.release(envelope));
    }

    @Override
    public CompletionStage<Boolean> reply(T reply) {
      String replyTo = envelope.text("replyTo");
      String corr = envelope.text("corr");
      if (replyTo == null || corr == null) {
        throw new IllegalStateException("message " + id() + " is not a request: it has no one to reply to");
      }
      return connector.reply(replyTo, corr, reply);
    }
  }
}
