package io.dstruct;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of an {@link IdMapper}.
 *
 * <p>Argument errors are thrown at once; Redis errors arrive as the failure of the stage. Cancelling a
 * stage does not recall a script already sent: the numbers it handed out stay handed out.
 */
public interface AsyncIdMapper {
  /**
   * Returns the number of {@code value}, assigning one if needed. See {@link IdMapper#idOf}.
   *
   * @param value the string to number
   * @return a stage of its number
   */
  CompletionStage<Long> idOf(String value);

  /**
   * Returns the numbers of {@code values}, assigning as needed. See {@link IdMapper#idsOf}.
   *
   * @param values the strings to number; at most {@link BitmapCounter#MAX_BATCH}
   * @return a stage of their numbers, in the order of {@code values}
   */
  CompletionStage<long[]> idsOf(List<String> values);

  /**
   * Returns the number of {@code value}, or null. See {@link IdMapper#findId}.
   *
   * @param value the string to look up
   * @return a stage of its number, or of null if it has none
   */
  CompletionStage<@Nullable Long> findId(String value);

  /**
   * Returns the string whose number is {@code id}, or null. See {@link IdMapper#stringOf}.
   *
   * @param id the number to look up
   * @return a stage of the string, or of null if no string has that number
   */
  CompletionStage<@Nullable String> stringOf(long id);

  /**
   * Returns how many strings have a number. See {@link IdMapper#size}.
   *
   * @return a stage of the number of strings that have a number
   */
  CompletionStage<Long> size();

  /**
   * Deletes the mapper's keys; the stage holds whether any existed. See {@link IdMapper#delete}.
   *
   * @return a stage of whether any key existed
   */
  CompletionStage<Boolean> delete();
}
