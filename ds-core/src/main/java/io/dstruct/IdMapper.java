package io.dstruct;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A shared dictionary that gives each string a dense number, 0, 1, 2, ..., in the order strings are
 * first seen: the ids a {@link BitmapCounter} needs when the real ids are sparse or not numbers.
 *
 * <p>Get one from {@link BitmapCounter#idMapper()} or {@link Ds#idMapper(String)}. The mapper {@code
 * visits} keeps three keys under the hash tag {@code {visits}}: the hash {@code
 * {visits}:idmap:forward} (string to number), the hash {@code {visits}:idmap:reverse} (number to
 * string), and the string {@code {visits}:idmap:next}, the count of numbers handed out.
 *
 * <pre>{@code
 * IdMapper users = visits.idMapper();
 * long ada = users.idOf("ada@example.com");     // 0 the first time, and ever after
 * visits.add(ada);
 * String who = users.stringOf(ada);             // "ada@example.com"
 * }</pre>
 *
 * <h2>Atomicity</h2>
 * {@link #idOf} and {@link #idsOf} are one script each: a string not yet mapped takes the next number
 * and both hashes are written together, so two processes mapping the same string at once get the same
 * number, and numbers have no gaps and no duplicates.
 *
 * <p>Thread-safe. A key that holds another Redis type throws {@link DsWrongTypeException} naming it. A
 * stored number that is not a whole number from 0 (a key written by something else) throws {@link
 * DsCodecException} naming the key, and {@code idOf} and {@code idsOf} then write nothing.
 */
public interface IdMapper {
  /**
   * Returns the name given to {@link Ds#idMapper(String)}, or the counter's name.
   *
   * @return the mapper's name
   */
  String name();

  /**
   * Returns the number of {@code value}, giving it the next free number if it has none yet. One script.
   *
   * @param value the string to number
   * @return its number, from 0; the same on every call
   */
  long idOf(String value);

  /**
   * Returns the numbers of {@code values}, in order, giving the next free numbers to those that have
   * none yet. One script for the whole list.
   *
   * @param values the strings to number, at most {@link BitmapCounter#MAX_BATCH}
   * @return their numbers, one per value at the same position
   * @throws DsInvalidArgumentException if there are more than {@link BitmapCounter#MAX_BATCH} values
   */
  long[] idsOf(List<String> values);

  /**
   * Returns the number of {@code value}, or null if it has none; never assigns one (HGET).
   *
   * @param value the string to look up
   * @return its number, or null if it has none
   */
  @Nullable Long findId(String value);

  /**
   * Returns the string whose number is {@code id}, or null if none has it (HGET).
   *
   * @param id the number to look up
   * @return the string, or null if no string has that number
   */
  @Nullable String stringOf(long id);

  /**
   * Returns how many strings have a number (HLEN).
   *
   * @return the count of mapped strings, also the next number to hand out
   */
  long size();

  /**
   * Deletes the mapper's three keys and returns whether any existed; numbering starts again from 0.
   * A BitmapCounter that counted the old numbers then counts other strings under them: delete it too.
   *
   * @return true if any of the keys existed
   * @throws DsWrongTypeException if one of the keys holds another Redis type; none is deleted then
   */
  boolean delete();

  /**
   * Returns the asynchronous view of this mapper.
   *
   * @return the asynchronous view, on the same keys
   */
  AsyncIdMapper async();
}
