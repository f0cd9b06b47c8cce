package io.dstruct;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query's results from {@link ObjectStore#findPage}, and the cursor that continues after it.
 *
 * <p>The cursor is keyset-based: it names the last object returned (its sort value and id), so the next
 * page starts right after it without walking the ones before, and objects added or removed meanwhile do
 * not shift the pages. An object whose sort value changes between two pages may be seen twice or not at
 * all, as in any keyset paging. It is null when no object follows.
 *
 * @param items the objects of this page, in the query's order
 * @param cursor the cursor to pass for the next page, or null when this is the last one
 * @param <T> the type of the objects
 */
public record Page<T>(List<T> items, @Nullable String cursor) {
  /**
   * Creates a page; the list is copied.
   *
   * @param items the objects of this page, in the query's order
   * @param cursor the cursor to pass for the next page, or null when this is the last one
   */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Returns whether another page may follow.
   *
   * @return true if {@link #cursor()} is not null
   */
  public boolean hasMore() {
    return cursor != null;
  }
}
