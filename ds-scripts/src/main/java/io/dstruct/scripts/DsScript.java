package io.dstruct.scripts;

import java.util.Locale;

/**
 * The catalogue of ds's Lua scripts: one constant per operation, one file per constant.
 *
 * <p>The constant {@code DICT_SET} is the file {@code io/dstruct/scripts/dict_set.lua}. All files
 * are loaded and hashed when this enum is first used, so a missing script fails at start-up, not on
 * first call. The headers of the files are the reference for each script's keys, arguments, reply and
 * errors; {@code docs/scripts.md} gathers them.
 */
public enum DsScript {
  /** Writes a Dict entry (always, only if absent, or only if present) and returns the value it replaced. */
  DICT_SET,
  /** Writes or deletes a Dict entry only if it still holds the expected value, or is still absent. */
  DICT_COMPARE_AND_SET,
  /** Writes a HashDict field (always, only if absent, or only if present) and returns the value it replaced. */
  HASH_SET,
  /** Writes or deletes a HashDict field only if it still holds the expected value, or is still absent. */
  HASH_COMPARE_AND_SET,
  /** Replaces the element at an index of a DsList, if it is still the one the caller read. */
  LIST_SET,
  /** Inserts an element at an index of a DsList. */
  LIST_INSERT,
  /** Removes the element at an index of a DsList, if it is still the one the caller read. */
  LIST_REMOVE_AT,
  /** Returns the index of the first or last occurrence of an element (LPOS). */
  LIST_INDEX_OF,
  /** Puts back an element that a DsList pop took but could not hand over. */
  LIST_REQUEUE,
  /** Moves every element of a DsList's in-flight hash back to the end it was taken from. */
  LIST_REQUEUE_ALL,
  /** Takes the element at one end of a DsList into its in-flight hash, under the pop's own field. */
  LIST_TAKE,
  /** Removes the element a DsList iterator returned, wherever other clients moved it. */
  LIST_REMOVE_RETURNED,
  /** Deletes a DsList's list and in-flight hash, unless one holds another type. */
  LIST_DELETE,
  /** Creates a Counter at its seed unless it exists, and returns its value. */
  COUNTER_CREATE,
  /** Sets a Counter, unless its key holds another type. */
  COUNTER_RESET,
  /** Deletes a structure's key, unless it holds another type. */
  DELETE_TYPED,
  /** Reserves the next block of ids of an IdGenerator and returns its last id. */
  ID_RESERVE,
  /** Sets the bit of each id in a BitmapCounter's slots, one per resolution, and their expiry. */
  BITMAP_ADD,
  /** Counts the ids in any (OR) or every (AND) one of some BitmapCounter slots, through a temporary key. */
  BITMAP_COMBINE_COUNT,
  /** Counts a BitmapCounter slot, then how many of its ids each later slot also holds. */
  BITMAP_COHORT,
  /** Builds a coarse BitmapCounter slot from the fine slots inside it (BITOP OR). */
  BITMAP_ROLLUP,
  /** Returns the dense numbers of strings in an IdMapper, assigning the next ones to new strings. */
  ID_MAP;

  private final LuaSource source;

  DsScript() {
    this.source = LuaSource.load(fileName());
  }

  /** Returns the script's file name without {@code .lua}, such as {@code dict_set}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the script's text (includes inlined) and SHA-1. */
  public LuaSource source() {
    return source;
  }
}
