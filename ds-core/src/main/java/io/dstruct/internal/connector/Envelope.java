package io.dstruct.internal.connector;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One leased inbox entry as a script or XREADGROUP returned it: its stream id, its delivery count (with the id,
 * the lease's token), and its fields. See {@link io.dstruct.Delivery} for the fields.
 *
 * @param streamId the entry's id in the inbox stream
 * @param count how many times the entry was delivered, this delivery included
 * @param fields the entry's fields, values as stored
 */
record Envelope(String streamId, long count, Map<String, byte[]> fields) {
  /** Parses {@code {stream id, count, field, value, ...}} from a script's reply. */
  static Envelope of(List<?> item) {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    for (int i = 2; i + 1 < item.size(); i += 2) {
      fields.put(text(item.get(i)), bytes(item.get(i + 1)));
    }
    return new Envelope(text(item.get(0)), ((Number) item.get(1)).longValue(), fields);
  }

  /** Parses the flat fields {@code {field, value, ...}} of a stream entry from a script's reply. */
  static Map<String, byte[]> fields(List<?> flat) {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(text(flat.get(i)), bytes(flat.get(i + 1)));
    }
    return fields;
  }

  static String text(@Nullable Object o) {
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return String.valueOf(o);
  }

  private static byte[] bytes(@Nullable Object o) {
    if (o instanceof byte[] b) {
      return b;
    }
    return String.valueOf(o).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the field {@code name} as text, or null. */
  @Nullable String text(String name) {
    byte[] v = fields.get(name);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  /** Returns the message id, or the stream id for an entry without one (which {@link #problem()} reports). */
  String messageId() {
    String id = text("id");
    return id == null ? streamId : id;
  }

  /** Returns the sender, or empty. */
  String from() {
    String from = text("from");
    return from == null ? "" : from;
  }

  /** Returns sentAt in Unix ms, or 0. */
  long sentAt() {
    return number(text("sentAt"), 0);
  }

  /** Returns this delivery's number: the earlier deliveries that counted, plus this entry's delivery count. */
  long attempt() {
    return number(text("attempt"), 0) + count;
  }

  /** Returns the payload's bytes, or null. */
  byte @Nullable [] payload() {
    return fields.get("payload");
  }

  /** Returns what makes this entry unusable as an envelope, or null when it is well-formed. */
  @Nullable String problem() {
    if (text("id") == null || text("id").isEmpty()) {
      return "malformed envelope: no id";
    }
    if (text("from") == null) {
      return "malformed envelope: no from";
    }
    if (number(text("sentAt"), -1) < 0) {
      return "malformed envelope: sentAt is not a number of ms";
    }
    if (fields.get("payload") == null) {
      return "malformed envelope: no payload";
    }
    if ((text("replyTo") == null) != (text("corr") == null)) {
      return "malformed envelope: replyTo and corr go together";
    }
    return null;
  }

  private static long number(@Nullable String s, long otherwise) {
    if (s == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
