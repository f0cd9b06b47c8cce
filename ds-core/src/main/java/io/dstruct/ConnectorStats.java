package io.dstruct;

/**
 * How many messages of a {@link Connector} are in each state, counted in one step by {@link Connector#stats()}.
 *
 * @param inbox the messages in the inbox, ready or leased: sent and neither acked, dead nor delayed
 * @param leased the messages of the inbox leased to a receiver right now (expired leases included until a
 *     receiver reclaims them)
 * @param delayed the messages waiting until they are due: delayed sends, and nacks with a delay
 * @param deadLetters the dead letters kept
 * @param lateReplies the replies to this connector's requests that came after the request stopped waiting,
 *     counted and dropped since the connector was created or last deleted
 */
public record ConnectorStats(long inbox, long leased, long delayed, long deadLetters, long lateReplies) {
  /**
   * Returns the messages of the inbox that wait for a receiver: {@code inbox - leased}.
   *
   * @return the number of ready messages
   */
  public long ready() {
    return inbox - leased;
  }
}
