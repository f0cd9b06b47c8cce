package io.dstruct.scripts;

import java.util.Locale;

/**
 * The catalogue of ds's Lua scripts: one constant per operation, one file per constant.
 *
 * <p>The constant {@code DICT_SET} is the file {@code io/dstruct/scripts/dict_set.lua}. All files
 * are loaded and hashed when this enum is first used, so a missing script fails at start-up, not on
 * first call. The headers of the files are the reference for each script's keys, arguments, reply and
 * errors; {@code docs/scripts.md} gathers them. Each constant also declares whether it is {@link
 * #idempotent()}, which decides whether a call whose reply was lost may be sent again.
 */
public enum DsScript {
  /** Writes a Dict entry (always, only if absent, or only if present) and returns the value it replaced. */
  DICT_SET(false),
  /** Writes or deletes a Dict entry only if it still holds the expected value, or is still absent. */
  DICT_COMPARE_AND_SET(false),
  /** Writes a HashDict field (always, only if absent, or only if present) and returns the value it replaced. */
  HASH_SET(false),
  /** Writes or deletes a HashDict field only if it still holds the expected value, or is still absent. */
  HASH_COMPARE_AND_SET(false),
  /** Replaces the element at an index of a DsList, if it is still the one the caller read. */
  LIST_SET(false),
  /** Inserts an element at an index of a DsList. */
  LIST_INSERT(false),
  /** Removes the element at an index of a DsList, if it is still the one the caller read. */
  LIST_REMOVE_AT(false),
  /** Returns the index of the first or last occurrence of an element (LPOS). */
  LIST_INDEX_OF(true),
  /** Puts back an element that a DsList pop took but could not hand over. */
  LIST_REQUEUE(false),
  /** Moves every element of a DsList's in-flight hash back to the end it was taken from. */
  LIST_REQUEUE_ALL(false),
  /** Takes the element at one end of a DsList into its in-flight hash, under the pop's own field. */
  LIST_TAKE(true),
  /** Removes the element a DsList iterator returned, wherever other clients moved it. */
  LIST_REMOVE_RETURNED(false),
  /** Deletes a DsList's list and in-flight hash, unless one holds another type. */
  LIST_DELETE(false),
  /** Sets a Counter, unless its key holds another type. */
  COUNTER_RESET(true),
  /** Deletes a structure's key, unless it holds another type. */
  DELETE_TYPED(false),
  /** Reserves the next block of ids of an IdGenerator and returns its last id. */
  ID_RESERVE(false),
  /** Sets the bit of each id in a BitmapCounter's slots, one per resolution, and their expiry. */
  BITMAP_ADD(false),
  /** Counts the ids in any (OR) or every (AND) one of some BitmapCounter slots, through a temporary key. */
  BITMAP_COMBINE_COUNT(true),
  /** Counts a BitmapCounter slot, then how many of its ids each later slot also holds. */
  BITMAP_COHORT(true),
  /** Builds a coarse BitmapCounter slot from the fine slots inside it (BITOP OR). */
  BITMAP_ROLLUP(true),
  /** Returns the dense numbers of strings in an IdMapper, assigning the next ones to new strings. */
  ID_MAP(true),
  /** Adds a delta to a Counter, creating it at its seed first unless it exists, and returns the new value. */
  COUNTER_ADD(false),
  /** Deletes some keys of one structure, unless one holds another type; or only checks their types. */
  DELETE_KEYS_TYPED(false),
  /** Deletes a Dict entry, unless its key holds another type, and returns the value it held. */
  DICT_REMOVE(false),
  /** Deletes a HashDict field, unless the hash's key holds another type, and returns the value it held. */
  HASH_REMOVE(false),
  /** Registers an ObjectStore's index definitions in its meta hash and returns the state of each index. */
  STORE_OPEN(true),
  /** Writes ObjectStore objects, all or none, with every index change: insert, save, saveAll. */
  STORE_SAVE(true),
  /** Returns the ObjectStore object that holds a unique value, or inserts the candidate. */
  STORE_GET_OR_INSERT(true),
  /** Sets and removes named fields of one ObjectStore object, with every index change. */
  STORE_UPDATE(true),
  /** Deletes one ObjectStore object with its index entries. */
  STORE_DELETE(false),
  /** Reads ObjectStore objects by id, skipping expired ones. */
  STORE_GET(true),
  /** Runs an ObjectStore query and loads the objects that match, or counts them. */
  STORE_FIND(true),
  /** Removes one batch of expired ObjectStore objects with their index entries. */
  STORE_PURGE(true),
  /** Indexes one batch of ObjectStore objects for the indexes that are not built yet. */
  STORE_REINDEX(true),
  /** Checks one batch of an ObjectStore's indexes against its objects. */
  STORE_VERIFY(true),
  /** Deletes one batch of an ObjectStore's objects, and the store's other keys once none is left. */
  STORE_CLEAR(true),
  /** Adds a message to a Connector's inbox, or to its delayed set. */
  CONNECTOR_SEND(false),
  /** Moves a Connector's delayed messages that are due into its inbox. */
  CONNECTOR_PROMOTE(true),
  /** Leases new messages of a Connector's inbox to the caller, dead-lettering those past their attempts. */
  CONNECTOR_RECEIVE(false),
  /** Gives back, as new entries, the messages of a Connector whose lease ran out (XAUTOCLAIM), counting an attempt. */
  CONNECTOR_RECLAIM(false),
  /** Ends a Connector delivery's lease for good (XACK, then XDEL), if the delivery still holds it. */
  CONNECTOR_ACK(false),
  /** Renews a Connector delivery's lease, if the delivery still holds it. */
  CONNECTOR_EXTEND(true),
  /** Gives a Connector delivery's message back for another attempt, now or after a delay, or dead-letters it. */
  CONNECTOR_NACK(false),
  /** Sends a Connector delivery's message to the dead letters with a reason. */
  CONNECTOR_REJECT(false),
  /** Gives a Connector delivery's message back at once, without counting the delivery as an attempt. */
  CONNECTOR_RELEASE(false),
  /** Sends a Connector's dead letter back to its inbox as a new message. */
  CONNECTOR_REPLAY(false),
  /** Registers a Connector request that waits for its reply, with its deadline. */
  CONNECTOR_REQUEST(true),
  /** Delivers a reply into the requester's mailbox for the request, or counts it as late. */
  CONNECTOR_REPLY(false),
  /** Ends a Connector request's wait and returns its reply if one came. */
  CONNECTOR_REQUEST_CLOSE(true),
  /** Counts a Connector's messages in each state. */
  CONNECTOR_STATS(true);

  private final LuaSource source;
  private final boolean idempotent;

  DsScript(boolean idempotent) {
    this.source = LuaSource.load(fileName());
    this.idempotent = idempotent;
  }

  /**
   * Returns whether the script may run twice for one call: true when a second run with the same
   * arguments leaves Redis as one run does and replies what a single run would reply at that moment
   * (read-only scripts included). {@link ScriptRunner} sends such a script again when its reply was
   * lost; any other script it never sends again once it may have reached Redis, and the call fails
   * with a {@link DeliveryException} whose {@link DeliveryException#sent()} is true.
   *
   * @return true if a call whose reply was lost may be sent again
   */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * Returns the script's file name without {@code .lua}, such as {@code dict_set}.
   *
   * @return the constant's name in lower case, a file under {@link LuaSource#ROOT}
   */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the script's text (includes inlined) and SHA-1.
   *
   * @return the script, loaded when this enum was first used
   */
  public LuaSource source() {
    return source;
  }
}
