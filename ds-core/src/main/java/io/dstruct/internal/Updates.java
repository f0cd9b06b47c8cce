package io.dstruct.internal;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The decisions of compute, computeIfAbsent, computeIfPresent and merge, shared by every map. */
final class Updates {
  private Updates() {}

  /**
   * What one round of compute decided: keep the entry as it is and return {@code result}, or write
   * {@code result} (null deletes) over the value that was read.
   */
  record Update<V>(boolean write, @Nullable V result) {
    static <V> Update<V> keep(@Nullable V current) {
      return new Update<>(false, current);
    }

    static <V> Update<V> of(@Nullable V next, @Nullable V old) {
      return next == null && old == null ? keep(null) : new Update<>(true, next);
    }
  }

  static <V> Function<@Nullable V, Update<V>> compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn) {
    Objects.requireNonNull(fn, "fn");
    return old -> Update.of(fn.apply(key, old), old);
  }

  static <V> Function<@Nullable V, Update<V>> computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn) {
    Objects.requireNonNull(fn, "fn");
    return old -> old != null ? Update.keep(old) : Update.of(fn.apply(key), null);
  }

  static <V> Function<@Nullable V, Update<V>> computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn) {
    Objects.requireNonNull(fn, "fn");
    return old -> old == null ? Update.keep(null) : Update.of(fn.apply(key, old), old);
  }

  static <V> Function<@Nullable V, Update<V>> merge(V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(fn, "fn");
    return old -> Update.of(old == null ? value : fn.apply(old, value), old);
  }
}
