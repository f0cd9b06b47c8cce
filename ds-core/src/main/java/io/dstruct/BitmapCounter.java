package io.dstruct;

import java.time.Instant;
import java.util.List;

/**
 * A counter of unique ids per time slot, one Redis bitmap per slot: Kickass-Redis's bitmap_counter,
 * made atomic and safe on Redis Cluster.
 *
 * <p>Get one from {@link Ds#bitmapCounter(String, Resolution...)}. Each id is a number from 0 to the
 * counter's {@linkplain BitmapCounterOptions#maxId() largest id}; {@link #add(long)} sets bit {@code id} in the bitmap of the current slot of every
 * resolution of the counter, so the count of a slot ({@code BITCOUNT}) is the number of distinct ids
 * seen in it. For ids that are sparse or not numbers, {@link #idMapper()} hands out dense ones.
 *
 * <pre>{@code
 * BitmapCounter visits = ds.bitmapCounter("visits", Resolution.DAY);
 * visits.add(3);                                  // user 3 visited
 * long today = visits.count(Resolution.DAY);      // 1
 * }</pre>
 *
 * <h2>Keys</h2>
 * All keys of the counter {@code visits} start with the hash tag {@code {visits}}, so they live in one
 * Redis Cluster slot and one script may use them together. A time slot's key names its resolution
 * and its start in the counter's zone: {@code {visits}:bitmap:day:2026-11-24}, {@code
 * {visits}:bitmap:week:2026-11-23} (the first day), {@code {visits}:bitmap:month:2026-11}, and with
 * the UTC offset for hours and minutes, so the hour repeated when clocks go back is two slots: {@code
 * {visits}:bitmap:hour:2026-11-01T01:00-04:00}, {@code {visits}:bitmap:minute:2026-11-24T13:05Z}.
 * {@link #slot(Resolution, Instant)} gives the key of any slot.
 *
 * <h2>Settings kept in Redis</h2>
 * The first write stores the counter's zone and first day of the week in the string key {@code
 * {visits}:bitmap:meta} (inside the same script, so it costs no round trip). From then on, a counter
 * opened on the same name with another zone or first day of the week is refused with {@link
 * DsInvalidArgumentException} on its first operation, instead of silently counting days that begin
 * at other instants. Reads check the stored settings once per counter object.
 *
 * <h2>Atomicity</h2>
 * Every operation is one command or one Lua script, so it is atomic across processes: {@code add}
 * writes all resolutions at once or none, and {@link #countUnion}, {@link #countIntersection} and
 * {@link #cohort} combine their slots on the server in one round trip, through a temporary key that
 * the same script deletes.
 *
 * <h2>Retention</h2>
 * A resolution with a {@linkplain BitmapCounterOptions#withRetention retention} keeps each slot until
 * the slot's end plus the retention: every write sets that instant with {@code PEXPIREAT}, so old
 * slots expire by themselves. A write into a slot whose expiry has already passed (by the server's
 * clock) is skipped, as the slot would be deleted at once.
 *
 * <h2>Limits</h2>
 * One call may touch at most {@link #MAX_SLOTS} slots of one resolution (a range, a cohort, the fine
 * slots of a rollup) and add at most {@link #MAX_BATCH} ids, so no call blocks Redis for long. A
 * bitmap takes one bit per id up to the largest id it holds: ids up to 1,000,000 take about 125 KB
 * per slot, however few of them are set. So writes accept ids up to the counter's {@linkplain
 * BitmapCounterOptions#maxId() largest id}, 2^24 - 1 (a slot of at most 2 MB) unless set otherwise;
 * for sparse ids, {@link #idMapper()} hands out dense ones.
 *
 * <h2>Thread safety</h2>
 * A BitmapCounter is thread-safe and cheap; many may be open on the same name, also with different
 * resolutions (for example one that writes minutes and hours, and one that rolls them up into days).
 *
 * <h2>Errors</h2>
 * Bad input (a negative id, one over the counter's largest id, an empty or reversed range, a
 * resolution the counter does not have, too many slots) and settings that differ from those stored in
 * Redis throw {@link DsInvalidArgumentException} before anything is written. A key of the counter that
 * holds another Redis type throws {@link DsWrongTypeException} naming it.
 */
public interface BitmapCounter {
  /**
   * The largest id a bitmap can hold: 2^32 - 1, Redis's largest bit offset. {@link #contains} accepts
   * ids up to it; writes accept ids up to {@link BitmapCounterOptions#maxId()}.
   */
  long MAX_ID = 0xFFFF_FFFFL;

  /** The most slots one call may touch: every minute of a 25-hour day. */
  int MAX_SLOTS = 1500;

  /**
   * The most ids one {@code addAll} call (or {@link IdMapper#idsOf}) may take: setting 1,000 bits in
   * each of five resolutions holds Redis for about 2 ms.
   */
  int MAX_BATCH = 1_000;

  /**
   * Returns the name given to {@link Ds#bitmapCounter(String, Resolution...)}.
   *
   * @return the counter's name, without its hash tag or key suffixes
   */
  String name();

  /**
   * Returns the settings of this counter.
   *
   * @return the settings this counter was opened with
   */
  BitmapCounterOptions options();

  /**
   * Returns the slot of {@code resolution} that holds {@code at}, with its Redis key. Sends nothing.
   *
   * @param resolution one of the counter's resolutions
   * @param at the instant the slot must hold
   * @return the slot that holds {@code at}, with its start, end and Redis key
   * @throws DsInvalidArgumentException if {@code resolution} is not one of the counter's, or {@code at}
   *     is outside the years 1 to 9999 of the counter's zone
   */
  BitmapSlot slot(Resolution resolution, Instant at);

  /**
   * Returns the slots of {@code resolution} from the one that holds {@code from} to the one that holds
   * {@code to}, in order. Sends nothing.
   *
   * @param resolution one of the counter's resolutions
   * @param from an instant in the first slot
   * @param to an instant in the last slot, not before {@code from}
   * @return the slots from the first to the last, oldest first; never empty
   * @throws DsInvalidArgumentException if {@code from} is after {@code to}, or the range has more than
   *     {@link #MAX_SLOTS} slots
   */
  List<BitmapSlot> slots(Resolution resolution, Instant from, Instant to);

  /**
   * Counts {@code id} now in every resolution of the counter; returns whether it was new in at least
   * one of their slots. One script call.
   *
   * @param id the id to count, from 0 to the counter's largest id
   * @return true if {@code id} was not yet in the current slot of at least one resolution
   * @throws DsInvalidArgumentException if {@code id} is negative or over the counter's {@linkplain
   *     BitmapCounterOptions#maxId() largest id}, or the settings stored in Redis differ
   */
  boolean add(long id);

  /**
   * Counts {@code id} at {@code at} in every resolution of the counter; returns whether it was new in
   * at least one of their slots. One script call.
   *
   * @param id the id to count, from 0 to the counter's largest id
   * @param at the instant whose slots count it, past or future
   * @return true if {@code id} was not yet in the slot of at least one resolution
   * @throws DsInvalidArgumentException if {@code id} is negative or over the counter's {@linkplain
   *     BitmapCounterOptions#maxId() largest id}, or the settings stored in Redis differ
   */
  boolean add(long id, Instant at);

  /**
   * Counts all {@code ids} now in every resolution, in one script call; returns how many of them were
   * new in at least one slot (an id given twice counts once).
   *
   * @param ids the ids to count, each from 0 to the counter's largest id; at most {@link #MAX_BATCH}
   * @return how many distinct ids were new in at least one slot
   * @throws DsInvalidArgumentException if an id is negative or over the counter's {@linkplain
   *     BitmapCounterOptions#maxId() largest id}, there are more than {@link #MAX_BATCH}, or the settings
   *     stored in Redis differ; nothing is written then
   */
  int addAll(long[] ids);

  /**
   * Counts all {@code ids} at {@code at} in every resolution, in one script call; returns how many of
   * them were new in at least one slot.
   *
   * @param ids the ids to count, each from 0 to the counter's largest id; at most {@link #MAX_BATCH}
   * @param at the instant whose slots count them
   * @return how many distinct ids were new in at least one slot
   * @throws DsInvalidArgumentException if an id is negative or over the counter's {@linkplain
   *     BitmapCounterOptions#maxId() largest id}, there are more than {@link #MAX_BATCH}, or the settings
   *     stored in Redis differ; nothing is written then
   */
  int addAll(long[] ids, Instant at);

  /**
   * Returns the number of distinct ids in the current slot of {@code resolution} (BITCOUNT).
   *
   * @param resolution one of the counter's resolutions
   * @return the number of distinct ids in the current slot; 0 if it does not exist
   */
  long count(Resolution resolution);

  /**
   * Returns the number of distinct ids in the slot of {@code resolution} that holds {@code at} (BITCOUNT).
   *
   * @param resolution one of the counter's resolutions
   * @param at an instant in the slot to count
   * @return the number of distinct ids in the slot; 0 if it does not exist
   */
  long count(Resolution resolution, Instant at);

  /**
   * Returns whether {@code id} is in the current slot of {@code resolution} (GETBIT).
   *
   * @param id the id to look for, from 0 to {@link #MAX_ID}
   * @param resolution one of the counter's resolutions
   * @return whether {@code id} was counted in the current slot
   */
  boolean contains(long id, Resolution resolution);

  /**
   * Returns whether {@code id} is in the slot of {@code resolution} that holds {@code at} (GETBIT).
   *
   * @param id the id to look for, from 0 to {@link #MAX_ID}
   * @param resolution one of the counter's resolutions
   * @param at an instant in the slot to look in
   * @return whether {@code id} was counted in that slot
   */
  boolean contains(long id, Resolution resolution, Instant at);

  /**
   * Returns the number of distinct ids in any of the slots from {@code from} to {@code to}: one
   * script that ORs them into a temporary key (BITOP OR), counts it and deletes it.
   *
   * @param resolution one of the counter's resolutions
   * @param from an instant in the first slot
   * @param to an instant in the last slot, not before {@code from}
   * @return the number of distinct ids in at least one of the slots
   * @throws DsInvalidArgumentException if {@code from} is after {@code to}, or the range has more than
   *     {@link #MAX_SLOTS} slots
   */
  long countUnion(Resolution resolution, Instant from, Instant to);

  /**
   * Returns the number of ids present in every slot from {@code from} to {@code to}: one script, as
   * {@link #countUnion} with BITOP AND.
   *
   * @param resolution one of the counter's resolutions
   * @param from an instant in the first slot
   * @param to an instant in the last slot, not before {@code from}
   * @return the number of ids present in all of the slots
   * @throws DsInvalidArgumentException if {@code from} is after {@code to}, or the range has more than
   *     {@link #MAX_SLOTS} slots
   */
  long countIntersection(Resolution resolution, Instant from, Instant to);

  /**
   * Returns a retention row of {@code n} numbers: the count of the slot that holds {@code start}, then
   * for each of the next {@code n - 1} slots the number of that first slot's ids also present in it.
   * One script.
   *
   * <p>For example {@code cohort(WEEK, signupWeek, 4)} of a counter of active users gives the users
   * active in the sign-up week, then how many of them were active in each of the three weeks after.
   *
   * @param resolution one of the counter's resolutions
   * @param start an instant in the first slot, whose ids make the cohort
   * @param n the number of slots, from 1 to {@link #MAX_SLOTS}
   * @return {@code n} counts: the first slot's, then for each next slot how many of its ids are there too
   * @throws DsInvalidArgumentException if {@code n} is not between 1 and {@link #MAX_SLOTS}
   */
  List<Long> cohort(Resolution resolution, Instant start, int n);

  /**
   * Builds the slot of {@code coarse} that holds {@code at} from the slots of {@code fine} inside it,
   * and returns its count: one script, BITOP OR of the coarse slot with every fine slot, so ids
   * already in the coarse slot stay. The coarse slot gets its retention as a write does.
   *
   * @param fine the resolution to read, one of the counter's
   * @param coarse the resolution to build, one of the counter's, that {@code fine} nests in
   * @param at an instant in the coarse slot to build
   * @return the count of the coarse slot after the rollup
   * @throws DsInvalidArgumentException if either resolution is not one of the counter's, {@code fine}
   *     does not {@linkplain Resolution#nestsIn nest in} {@code coarse}, or the coarse slot has more
   *     than {@link #MAX_SLOTS} fine slots
   */
  long rollup(Resolution fine, Resolution coarse, Instant at);

  /**
   * Returns the id mapper of this counter: dense ids for string ids, under the same hash tag ({@code
   * {name}:idmap:...}). The same as {@link Ds#idMapper(String)} with the counter's name.
   *
   * @return the counter's id mapper, {@code {name}:idmap:...}; sends nothing
   */
  IdMapper idMapper();

  /**
   * Deletes every key of the counter, its slots of every resolution and its stored settings ({@code
   * {name}:bitmap:*}, found by SCAN), and returns whether any existed. It first checks all of them, then
   * deletes them 1,000 per script. Its {@link #idMapper()} is a structure of its own, deleted by its own
   * {@code delete()}. Slots that other processes write while it runs may survive it.
   *
   * @return true if any key of the counter existed
   * @throws DsWrongTypeException if one of the keys holds another Redis type; none is deleted then
   */
  boolean delete();

  /**
   * Returns the asynchronous view of this counter.
   *
   * @return the asynchronous view, on the same keys and settings
   */
  AsyncBitmapCounter async();
}
