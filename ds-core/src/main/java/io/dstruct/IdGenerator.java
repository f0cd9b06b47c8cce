package io.dstruct;

/**
 * A generator of unique ids shared by many processes, that reserves ids from Redis in blocks.
 *
 * <p>Get one from {@link Ds#idGenerator(String)}. One Lua script reserves a whole block atomically
 * (1,000 ids by default) by advancing the counter {@code {name}:id}; nothing is sent before the first id
 * is asked for; the ids of a block are then handed
 * out in this process with no round trip, lock-free. Once half of a block is used, the next one is
 * reserved in the background, so in steady state {@link #nextId()} never waits on Redis. When callers
 * still outrun it (half a block used up faster than one round trip), each following reservation doubles,
 * up to 16 times the configured block size.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Ids are unique across threads and processes: no two blocks overlap.
 *   <li>Ids increase within one client: a call that begins after another has returned gets larger ids,
 *       whichever threads made the two calls. Blocks only ever replace lower ones.
 *   <li>Ids are not dense: the rest of a block is never used when its process stops, and blocks of
 *       several processes interleave, so ids have gaps and do not tell the order of creation across
 *       processes.
 *   <li>Across a Redis restart, uniqueness needs the counter to survive: Redis persistence (AOF with
 *       {@code appendfsync always}) or a replica that had it. As a further guard, each client sends the
 *       last id it reserved, and the script never lets the counter fall below it, so a client never goes
 *       back even if the server lost its data.
 * </ul>
 *
 * <p>Thread-safe.
 */
public interface IdGenerator {
  /**
   * Returns the name given to {@link Ds#idGenerator(String)}.
   *
   * @return the generator's name
   */
  String name();

  /**
   * Returns the Redis key of the counter, {@code {name}:id}.
   *
   * @return the key {@code {name}:id}
   */
  String redisKey();

  /**
   * Returns a new id; waits on Redis only when no reserved block is left.
   *
   * @return the new id, at most {@link IdGeneratorOptions#MAX_ID}
   * @throws DsException if every id up to {@link IdGeneratorOptions#MAX_ID} has been handed out; the
   *     stored counter is left as it is
   */
  long nextId();

  /**
   * Returns {@code n} new ids as one contiguous range: from the current block when it has room, else
   * from a fresh block (the rest of the current one becomes a gap).
   *
   * @param n how many ids, at least 1
   * @return the {@code n} ids, {@code first} to {@code first + n - 1}
   * @throws DsInvalidArgumentException if {@code n < 1}
   * @throws DsException if fewer than {@code n} ids are left up to {@link IdGeneratorOptions#MAX_ID};
   *     the stored counter is left as it is
   */
  IdRange nextIds(int n);

  /**
   * Deletes the generator's counter in Redis and returns whether it existed; the next reservation
   * starts again from the first id. Meant for tearing a generator down: ids already handed out may
   * then be handed out again, except to this client, which never goes below the last id it reserved.
   *
   * @return true if the counter existed
   * @throws DsWrongTypeException if the key holds another Redis type; it is left as it is
   */
  boolean delete();

  /**
   * Returns the asynchronous view of this generator.
   *
   * @return the asynchronous view, sharing this generator's blocks
   */
  AsyncIdGenerator async();
}
