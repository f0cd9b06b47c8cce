package io.dstruct;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query on an {@link ObjectStore}: an AND of equality conditions on {@link Indexed} properties and ranges
 * on {@link Ordered} ones, optionally ordered by an ordered property, with an offset and a limit.
 *
 * <pre>{@code
 * Query.where("name").eq("John Doe")
 * Query.where("score").between(50, 150).orderBy("score").descending().limit(10)
 * Query.where("tenant").eq("acme").and("status").in("open", "held").orderBy("createdAt").limit(20)
 * }</pre>
 *
 * <p>Without {@link #orderBy}, objects come in id order (numeric ids by number). A condition on a property
 * that has no index is refused by the store with {@link DsInvalidArgumentException} naming the property;
 * ds never falls back to a scan. Immutable: each method returns a new query.
 */
public final class Query {
  /** The most values one {@link Condition#in} may list. */
  public static final int MAX_IN_VALUES = 1_000;

  private final List<Equality> equalities;
  private final Map<String, Range> ranges;
  private final @Nullable String orderField;
  private final boolean descending;
  private final int offset;
  private final int limit;

  private Query(List<Equality> equalities, Map<String, Range> ranges, @Nullable String orderField,
      boolean descending, int offset, int limit) {
    this.equalities = equalities;
    this.ranges = ranges;
    this.orderField = orderField;
    this.descending = descending;
    this.offset = offset;
    this.limit = limit;
  }

  /**
   * Returns the query that matches every object of the store.
   *
   * @return a query with no condition, in id order, with no limit
   */
  public static Query all() {
    return new Query(List.of(), Map.of(), null, false, 0, Integer.MAX_VALUE);
  }

  /**
   * Starts a query with a condition on {@code field}.
   *
   * @param field the property's name, not empty
   * @return the condition to complete, such as with {@link Condition#eq}
   */
  public static Condition where(String field) {
    return all().and(field);
  }

  /**
   * Adds a condition on {@code field}, ANDed with the others.
   *
   * @param field the property's name, not empty
   * @return the condition to complete; it gives the new query
   */
  public Condition and(String field) {
    return new Condition(this, checkName(field));
  }

  /**
   * Returns a copy ordered by the {@link Ordered} property {@code field}, ascending unless {@link #descending()}.
   *
   * @param field the name of an {@link Ordered} property, not empty
   * @return a new query; this one is unchanged
   */
  public Query orderBy(String field) {
    return new Query(equalities, ranges, checkName(field), descending, offset, limit);
  }

  /**
   * Returns a copy in ascending order (the default).
   *
   * @return a new query; this one is unchanged
   */
  public Query ascending() {
    return new Query(equalities, ranges, orderField, false, offset, limit);
  }

  /**
   * Returns a copy in descending order: of the {@link #orderBy} property, else of the ids.
   *
   * @return a new query; this one is unchanged
   */
  public Query descending() {
    return new Query(equalities, ranges, orderField, true, offset, limit);
  }

  /**
   * Returns a copy that returns at most {@code n} objects (the page size of {@link ObjectStore#findPage}).
   *
   * @param n the most objects to return, at least 1
   * @return a new query; this one is unchanged
   * @throws DsInvalidArgumentException if {@code n < 1}
   */
  public Query limit(int n) {
    if (n < 1) {
      throw new DsInvalidArgumentException("limit must be at least 1: " + n);
    }
    return new Query(equalities, ranges, orderField, descending, offset, n);
  }

  /**
   * Returns a copy that skips the first {@code n} matches. The store still walks them; a cursor from
   * {@link ObjectStore#findPage} does not.
   *
   * @param n how many matches to skip, at least 0
   * @return a new query; this one is unchanged
   * @throws DsInvalidArgumentException if {@code n < 0}
   */
  public Query offset(int n) {
    if (n < 0) {
      throw new DsInvalidArgumentException("offset must not be negative: " + n);
    }
    return new Query(equalities, ranges, orderField, descending, n, limit);
  }

  /**
   * Returns the equality conditions, in the order they were added.
   *
   * @return the equalities, unmodifiable
   */
  public List<Equality> equalities() {
    return equalities;
  }

  /**
   * Returns the range of each property that has one; two ranges on one property are intersected.
   *
   * @return each property's name and range, unmodifiable
   */
  public Map<String, Range> ranges() {
    return ranges;
  }

  /**
   * Returns the property the results are ordered by, or null for id order.
   *
   * @return the name of the order property, or null
   */
  public @Nullable String orderField() {
    return orderField;
  }

  /**
   * Returns whether the order is descending.
   *
   * @return true if descending, false if ascending
   */
  public boolean isDescending() {
    return descending;
  }

  /**
   * Returns how many matches are skipped.
   *
   * @return the offset, 0 unless set
   */
  public int offsetValue() {
    return offset;
  }

  /**
   * Returns the most objects returned, {@link Integer#MAX_VALUE} when unlimited.
   *
   * @return the limit, at least 1
   */
  public int limitValue() {
    return limit;
  }

  private Query with(Equality e) {
    List<Equality> next = new ArrayList<>(equalities);
    next.add(e);
    return new Query(Collections.unmodifiableList(next), ranges, orderField, descending, offset, limit);
  }

  private Query with(String field, Range r) {
    Map<String, Range> next = new LinkedHashMap<>(ranges);
    next.merge(field, r, Range::intersect);
    return new Query(equalities, Collections.unmodifiableMap(next), orderField, descending, offset, limit);
  }

  private static String checkName(String field) {
    Objects.requireNonNull(field, "field");
    if (field.isEmpty()) {
      throw new DsInvalidArgumentException("a query field must not be empty");
    }
    return field;
  }

  /**
   * Returns the text an indexed value is stored as: a string or an enum's name as is, an integral number in
   * decimal, a boolean as {@code true}/{@code false}.
   *
   * @throws DsInvalidArgumentException for null or any other type
   */
  static String indexText(@Nullable Object value, String field) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger || value instanceof Boolean) {
      return value.toString();
    }
    throw new DsInvalidArgumentException("cannot compare '" + field + "' with "
        + (value == null ? "null" : "a " + value.getClass().getName())
        + ": an indexed value is a string, an enum, an integral number or a boolean");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Query(");
    for (Equality e : equalities) {
      b.append(e.field()).append(" in ").append(e.values()).append(", ");
    }
    ranges.forEach((f, r) -> b.append(f).append(' ').append(r).append(", "));
    if (orderField != null) {
      b.append("orderBy ").append(orderField).append(", ");
    }
    b.append(descending ? "descending" : "ascending");
    if (offset > 0) {
      b.append(", offset ").append(offset);
    }
    if (limit != Integer.MAX_VALUE) {
      b.append(", limit ").append(limit);
    }
    return b.append(')').toString();
  }

  /**
   * One equality condition: the property equals one of {@code values} (as stored text).
   *
   * @param field the property's name
   * @param values the values it may equal, as stored text: at least one, without duplicates
   */
  public record Equality(String field, List<String> values) {}

  /**
   * A range of an ordered property: from {@code min} to {@code max}, each end inclusive unless marked
   * exclusive. Infinite ends are open.
   *
   * @param min the lower bound, {@link Double#NEGATIVE_INFINITY} when there is none
   * @param minExclusive whether {@code min} itself is outside the range
   * @param max the upper bound, {@link Double#POSITIVE_INFINITY} when there is none
   * @param maxExclusive whether {@code max} itself is outside the range
   */
  public record Range(double min, boolean minExclusive, double max, boolean maxExclusive) {
    /** Returns the range that both this and {@code other} hold. */
    Range intersect(Range other) {
      double lo = Math.max(min, other.min);
      double hi = Math.min(max, other.max);
      boolean loEx = lo == min && minExclusive || lo == other.min && other.minExclusive;
      boolean hiEx = hi == max && maxExclusive || hi == other.max && other.maxExclusive;
      return new Range(lo, loEx, hi, hiEx);
    }

    /**
     * Returns the lower bound as Redis writes score bounds: {@code -inf}, {@code 5} or {@code (5}.
     *
     * @return the lower bound as a ZRANGEBYSCORE argument
     */
    public String minArg() {
      return bound(min, minExclusive);
    }

    /**
     * Returns the upper bound as Redis writes score bounds: {@code +inf}, {@code 5} or {@code (5}.
     *
     * @return the upper bound as a ZRANGEBYSCORE argument
     */
    public String maxArg() {
      return bound(max, maxExclusive);
    }

    private static String bound(double v, boolean exclusive) {
      if (Double.isInfinite(v)) {
        return v > 0 ? "+inf" : "-inf";
      }
      String n = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
      return exclusive ? "(" + n : n;
    }

    @Override
    public String toString() {
      return (minExclusive ? "(" : "[") + min + ", " + max + (maxExclusive ? ")" : "]");
    }
  }

  /** A condition being built on one property: the next call gives the query with it. */
  public static final class Condition {
    private final Query query;
    private final String field;

    private Condition(Query query, String field) {
      this.query = query;
      this.field = field;
    }

    /**
     * The property equals {@code value} (a string, enum, integral number or boolean).
     *
     * @param value the value: a string, enum, integral number or boolean
     * @return the query with this condition
     */
    public Query eq(Object value) {
      return query.with(new Equality(field, List.of(indexText(value, field))));
    }

    /**
     * The property equals one of {@code values}.
     *
     * @param values the values, 1 to {@link Query#MAX_IN_VALUES}, each as {@link #eq} takes it
     * @return the query with this condition
     */
    public Query in(Object... values) {
      return in(List.of(values));
    }

    /**
     * The property equals one of {@code values}.
     *
     * @param values the values, 1 to {@link Query#MAX_IN_VALUES}, each as {@link #eq} takes it
     * @return the query with this condition
     * @throws DsInvalidArgumentException if there are none, or more than {@link #MAX_IN_VALUES}
     */
    public Query in(Collection<?> values) {
      if (values.isEmpty() || values.size() > MAX_IN_VALUES) {
        throw new DsInvalidArgumentException("in(...) on '" + field + "' takes 1 to " + MAX_IN_VALUES
            + " values, not " + values.size());
      }
      List<String> texts = new ArrayList<>(values.size());
      for (Object v : values) {
        String t = indexText(v, field);
        if (!texts.contains(t)) {
          texts.add(t);
        }
      }
      return query.with(new Equality(field, List.copyOf(texts)));
    }

    /**
     * The ordered property is between {@code min} and {@code max}, both inclusive.
     *
     * @param min the lower bound, inclusive, not NaN
     * @param max the upper bound, inclusive, not NaN
     * @return the query with this condition
     */
    public Query between(double min, double max) {
      return range(min, false, max, false);
    }

    /**
     * The ordered property is greater than {@code min}.
     *
     * @param min the exclusive lower bound, not NaN
     * @return the query with this condition
     */
    public Query gt(double min) {
      return range(min, true, Double.POSITIVE_INFINITY, false);
    }

    /**
     * The ordered property is at least {@code min}.
     *
     * @param min the inclusive lower bound, not NaN
     * @return the query with this condition
     */
    public Query gte(double min) {
      return range(min, false, Double.POSITIVE_INFINITY, false);
    }

    /**
     * The ordered property is less than {@code max}.
     *
     * @param max the exclusive upper bound, not NaN
     * @return the query with this condition
     */
    public Query lt(double max) {
      return range(Double.NEGATIVE_INFINITY, false, max, true);
    }

    /**
     * The ordered property is at most {@code max}.
     *
     * @param max the inclusive upper bound, not NaN
     * @return the query with this condition
     */
    public Query lte(double max) {
      return range(Double.NEGATIVE_INFINITY, false, max, false);
    }

    /**
     * The ordered property is between {@code min} and {@code max}, both inclusive (exact up to ±2^53).
     *
     * @param min the lower bound, inclusive
     * @param max the upper bound, inclusive
     * @return the query with this condition
     */
    public Query between(long min, long max) {
      return between((double) min, (double) max);
    }

    /**
     * The ordered property is greater than {@code min}.
     *
     * @param min the exclusive lower bound
     * @return the query with this condition
     */
    public Query gt(long min) {
      return gt((double) min);
    }

    /**
     * The ordered property is at least {@code min}.
     *
     * @param min the inclusive lower bound
     * @return the query with this condition
     */
    public Query gte(long min) {
      return gte((double) min);
    }

    /**
     * The ordered property is less than {@code max}.
     *
     * @param max the exclusive upper bound
     * @return the query with this condition
     */
    public Query lt(long max) {
      return lt((double) max);
    }

    /**
     * The ordered property is at most {@code max}.
     *
     * @param max the inclusive upper bound
     * @return the query with this condition
     */
    public Query lte(long max) {
      return lte((double) max);
    }

    /**
     * The property equals one of {@code values}; the same as {@link #in(Collection)}, for Kotlin, where {@code in} is a keyword.
     *
     * @param values the values, 1 to {@link Query#MAX_IN_VALUES}, each as {@link #eq} takes it
     * @return the query with this condition
     */
    public Query oneOf(Collection<?> values) {
      return in(values);
    }

    private Query range(double min, boolean minEx, double max, boolean maxEx) {
      if (Double.isNaN(min) || Double.isNaN(max)) {
        throw new DsInvalidArgumentException("a range on '" + field + "' must not have a NaN bound");
      }
      return query.with(field, new Range(min, minEx, max, maxEx));
    }
  }
}
