package io.dstruct.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the compare-and-set updates of one key one after another inside one client, so that they do
 * not make each other's conditional writes fail; only writers in other processes can.
 *
 * <p>Each update waits for the one queued before it on the same key, whatever that one's outcome.
 * A key's entry disappears when its last update ends, so idle keys cost nothing.
 */
final class KeyQueue {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  /** A place in the queue of one key. */
  final class Turn {
    private final String key;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<Void> ready;

    private Turn(String key) {
      this.key = key;
      CompletableFuture<Void> before = tails.put(key, done);
      this.ready = before == null ? CompletableFuture.completedFuture(null) : before;
    }

    /** Completes when every earlier update of the key has ended. */
    CompletableFuture<Void> ready() {
      return ready;
    }

    /** Ends this update and lets the next one start. */
    void end() {
      tails.remove(key, done);
      done.complete(null);
    }
  }

  /** Takes the next place in the queue of {@code key}; the caller must {@link Turn#end()} it. */
  Turn turn(String key) {
    return new Turn(key);
  }

  /** Starts {@code update} when its turn comes and ends the turn when the stage that it returns completes. */
  CompletionStage<Void> after(String key, Supplier<CompletionStage<Void>> update) {
    Turn t = turn(key);
    return t.ready().thenCompose(x -> update.get()).whenComplete((v, e) -> t.end());
  }
}
