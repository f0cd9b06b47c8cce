package io.dstruct.internal;

import io.dstruct.DsContentionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bounded loop of a compare-and-set operation: rounds of read, decide and conditional write,
 * with a back-off with jitter between rounds that lost, a typed failure past the bound, and no new
 * round once the caller has cancelled.
 *
 * <p>A round that lost (the data changed between its read and its write) is followed after a random
 * pause of up to {@code 2^n} ms (capped at {@value #MAX_PAUSE_MS} ms) by the next one; after {@value
 * #MAX_ROUNDS} lost rounds the loop fails with {@link DsContentionException}.
 */
final class BoundedRetry {
  static final int MAX_ROUNDS = 100;
  static final long MAX_PAUSE_MS = 50;

  private BoundedRetry() {}

  /** What one round decided: finished with {@code value}, or lost and to be tried again. */
  record Round<T>(boolean done, @Nullable T value) {
    private static final Round<?> AGAIN = new Round<>(false, null);

    static <T> Round<T> done(@Nullable T value) {
      return new Round<>(true, value);
    }

    @SuppressWarnings("unchecked")
    static <T> Round<T> again() {
      return (Round<T>) AGAIN;
    }
  }

  /**
   * Runs rounds until one is done and completes {@code result} with its value, or with the failure of
   * a round, or with {@link DsContentionException} past the bound. If {@code result} is completed by
   * someone else (cancelled), no further round starts.
   *
   * @return a stage that completes when the last round has ended, whatever {@code result} holds
   */
  static <T> CompletionStage<Void> loop(CompletableFuture<T> result, String key, Supplier<CompletionStage<Round<T>>> round) {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    next(result, key, round, 0, ended);
    return ended;
  }

  private static <T> void next(CompletableFuture<T> result, String key, Supplier<CompletionStage<Round<T>>> round,
      int lost, CompletableFuture<Void> ended) {
    if (result.isDone()) {
      ended.complete(null);
      return;
    }
    CompletionStage<Round<T>> r;
    try {
      r = round.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      ended.complete(null);
      return;
    }
    r.whenComplete((v, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else if (v.done()) {
        result.complete(v.value());
      } else if (lost + 1 >= MAX_ROUNDS) {
        result.completeExceptionally(new DsContentionException(key, lost + 1));
      } else {
        CompletableFuture.delayedExecutor(pauseMs(lost), TimeUnit.MILLISECONDS)
            .execute(() -> next(result, key, round, lost + 1, ended));
        return;
      }
      ended.complete(null);
    });
  }

  /** The blocking twin of {@link #loop}: the rounds run on the calling thread. */
  static <T> @Nullable T loopNow(String key, Supplier<Round<T>> round) {
    for (int lost = 0; ; lost++) {
      Round<T> r = round.get();
      if (r.done()) {
        return r.value();
      }
      if (lost + 1 >= MAX_ROUNDS) {
        throw new DsContentionException(key, lost + 1);
      }
      sleep(pauseMs(lost));
    }
  }

  /** A random pause before the round after {@code lost} lost rounds: none after the first, then up to 2^lost ms. */
  static long pauseMs(int lost) {
    if (lost == 0) {
      return 0;
    }
    long cap = Math.min(MAX_PAUSE_MS, 1L << Math.min(lost, 20));
    return ThreadLocalRandom.current().nextLong(cap + 1);
  }

  private static void sleep(long ms) {
    if (ms == 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // keep the flag; the loop is bounded anyway
    }
  }
}
