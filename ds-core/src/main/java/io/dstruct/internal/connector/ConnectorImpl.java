package io.dstruct.internal.connector;

import io.dstruct.AsyncConnector;
import io.dstruct.Codec;
import io.dstruct.Connector;
import io.dstruct.ConnectorOptions;
import io.dstruct.ConnectorStats;
import io.dstruct.DeadLetter;
import io.dstruct.Delivery;
import io.dstruct.Page;
import io.dstruct.SendOptions;
import io.dstruct.internal.Checks;
import io.dstruct.internal.Redis;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The blocking {@link Connector}: each operation waits for its {@link AsyncConnectorImpl} twin. */
public final class ConnectorImpl<T> implements Connector<T> {
  private final AsyncConnectorImpl<T> async;

  /** Creates the connector {@code name}; validates the name, sends nothing. */
  public ConnectorImpl(Redis redis, String name, Codec<T> codec, ConnectorOptions options) {
    this.async = new AsyncConnectorImpl<>(redis, name, codec, options);
  }

  @Override
  public String name() {
    return async.name;
  }

  @Override
  public ConnectorOptions options() {
    return async.options;
  }

  @Override
  public String toString() {
    return "Connector(" + async.keys.inbox() + ")";
  }

  @Override
  public String send(String to, T payload) {
    return Redis.join(async.send(to, payload));
  }

  @Override
  public String send(String to, T payload, SendOptions options) {
    return Redis.join(async.send(to, payload, options));
  }

  @Override
  public @Nullable Delivery<T> receive(Duration timeout) throws InterruptedException {
    List<DeliveryImpl<T>> got = await(async.receive(1, Checks.notNegative(timeout, "timeout"), false));
    return got.isEmpty() ? null : got.get(0);
  }

  @Override
  public List<Delivery<T>> receive(int max, Duration timeout) throws InterruptedException {
    Checks.inRange(max, 1, AsyncConnectorImpl.MAX_BATCH, "max");
    return List.copyOf(await(async.receive(max, Checks.notNegative(timeout, "timeout"), false)));
  }

  /**
   * Waits for a receive. On interrupt it cancels the receive, waits until every lease it took is given back (a
   * round trip, longer only while Redis does not answer), and throws {@link InterruptedException}.
   */
  private List<DeliveryImpl<T>> await(AsyncConnectorImpl.Receipt<T> receipt) throws InterruptedException {
    try {
      return Redis.joinInterruptibly(receipt);
    } catch (InterruptedException e) {
      Redis.join(receipt.settled());
      throw e;
    }
  }

  @Override
  public Iterable<Delivery<T>> iterate(Duration idle) {
    Checks.notNegative(idle, "idle");
    return () -> new Iterator<>() {
      private final ArrayDeque<Delivery<T>> next = new ArrayDeque<>();
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (!next.isEmpty()) {
          return true;
        }
        if (ended) {
          return false;
        }
        try {
          List<DeliveryImpl<T>> got = await(async.receive(1, idle, idle.isZero()));
          next.addAll(got);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ended = next.isEmpty();
        return !ended;
      }

      @Override
      public Delivery<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return next.poll();
      }
    };
  }

  @Override
  public T request(String to, T payload, Duration timeout) throws InterruptedException {
    return Redis.joinInterruptibly(async.request(to, payload, Objects.requireNonNull(timeout, "timeout")));
  }

  @Override
  public List<DeadLetter<T>> deadLetters() {
    return Redis.join(async.deadLetters());
  }

  @Override
  public Page<DeadLetter<T>> deadLetters(int limit, @Nullable String cursor) {
    return Redis.join(async.deadLetters(limit, cursor));
  }

  @Override
  public boolean replay(String id) {
    return Redis.join(async.replay(id));
  }

  @Override
  public void clearDeadLetters() {
    Redis.join(async.clearDeadLetters());
  }

  @Override
  public ConnectorStats stats() {
    return Redis.join(async.stats());
  }

  @Override
  public void delete() {
    Redis.join(async.delete());
  }

  @Override
  public AsyncConnector<T> async() {
    return async;
  }
}
