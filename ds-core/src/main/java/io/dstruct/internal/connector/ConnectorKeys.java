package io.dstruct.internal.connector;

import io.dstruct.internal.Keys;
import java.util.List;

/**
 * The keys of one connector, all under its hash tag: {@code {name}:connector:<part>}. The only place in Java that
 * names them; see {@link io.dstruct.Connector} for what each holds.
 */
final class ConnectorKeys {
  private final Keys keys;
  private final String inbox;
  private final String delayed;
  private final String delayedMsgs;
  private final String dead;
  private final String deadIds;
  private final String requests;
  private final String late;

  private ConnectorKeys(Keys keys) {
    this.keys = keys;
    this.inbox = keys.sub("inbox");
    this.delayed = keys.sub("delayed");
    this.delayedMsgs = keys.sub("delayed", "msgs");
    this.dead = keys.sub("dead");
    this.deadIds = keys.sub("dead", "ids");
    this.requests = keys.sub("requests");
    this.late = keys.sub("late");
  }

  /**
   * Returns the keys of the connector {@code name}.
   *
   * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  static ConnectorKeys of(String name) {
    return new ConnectorKeys(Keys.of(name, "connector"));
  }

  String name() {
    return keys.name();
  }

  /** The inbox stream, with the consumer group {@code ds}. */
  String inbox() {
    return inbox;
  }

  /** The delayed set: message id to due time. */
  String delayed() {
    return delayed;
  }

  /** The delayed envelopes: message id to packed fields. */
  String delayedMsgs() {
    return delayedMsgs;
  }

  /** The dead-letter stream. */
  String dead() {
    return dead;
  }

  /** The dead letters' index: message id to dead letter's stream id. */
  String deadIds() {
    return deadIds;
  }

  /** The waiting requests of this connector: correlation id to deadline. */
  String requests() {
    return requests;
  }

  /** The count of late replies to this connector's requests. */
  String late() {
    return late;
  }

  /** The mailbox of one request of this connector. */
  String reply(String corr) {
    return keys.sub("reply", corr);
  }

  /** Every key but the request mailboxes, as {@code delete_keys_typed} takes them, with their types. */
  List<Object> all() {
    return List.of(inbox, delayed, delayedMsgs, dead, deadIds, requests, late);
  }

  /** The Redis types of {@link #all()}, in order. */
  static final List<String> ALL_TYPES = List.of("stream", "zset", "hash", "stream", "hash", "zset", "string");
}
