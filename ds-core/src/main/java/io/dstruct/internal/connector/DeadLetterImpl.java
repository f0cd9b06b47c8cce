package io.dstruct.internal.connector;

import io.dstruct.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A dead letter read from the dead-letter stream; its payload decodes on demand. */
final class DeadLetterImpl<T> implements DeadLetter<T> {
  private final AsyncConnectorImpl<T> connector;
  private final String streamId;
  private final Map<String, byte[]> fields;

  DeadLetterImpl(AsyncConnectorImpl<T> connector, String streamId, Map<String, byte[]> fields) {
    this.connector = connector;
    this.streamId = streamId;
    this.fields = Map.copyOf(fields);
  }

  private String text(String name) {
    byte[] v = fields.get(name);
    return v == null ? "" : new String(v, StandardCharsets.UTF_8);
  }

  private long number(String name) {
    try {
      return Long.parseLong(text(name));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String id() {
    String id = text("id");
    return id.isEmpty() ? streamId : id;
  }

  @Override
  public String from() {
    return text("from");
  }

  @Override
  public Instant sentAt() {
    return Instant.ofEpochMilli(number("sentAt"));
  }

  @Override
  public Instant deadAt() {
    return Instant.ofEpochMilli(number("deadAt"));
  }

  @Override
  public int attempts() {
    return (int) Math.min(Integer.MAX_VALUE, number("attempts"));
  }

  @Override
  public String error() {
    return text("error");
  }

  @Override
  public T payload() {
    return connector.decode(rawPayload(), connector.keys.dead());
  }

  @Override
  public byte[] rawPayload() {
    byte[] p = fields.get("payload");
    return p == null ? new byte[0] : p.clone();
  }

  @Override
  public String toString() {
    return "DeadLetter(" + id() + " from " + from() + ", " + attempts() + " attempts: " + error() + ")";
  }
}
