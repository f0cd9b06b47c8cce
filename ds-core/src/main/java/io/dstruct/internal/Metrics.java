package io.dstruct.internal;

import io.dstruct.DsOptions;
import io.dstruct.scripts.RunnerListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The meters of one Ds: {@link #NONE}, or Micrometer's ({@link MicrometerMetrics}), as its {@link DsOptions} say.
 *
 * <p>Only {@link MicrometerMetrics} names a Micrometer class, and it is loaded only when a registry was given, so
 * ds runs without Micrometer on the class path. Every method is cheap and never blocks.
 */
public interface Metrics {
  /** No meters: every method does nothing. */
  Metrics NONE = new Metrics() {};

  /** Returns the meters that {@code options} ask for. */
  static Metrics of(DsOptions options) {
    MeterRegistry registry = options.meterRegistry();
    return registry == null ? NONE : MicrometerMetrics.create(registry);
  }

  /** Returns what the script runner tells: the timers of scripts and commands, reloads, retries, unknown outcomes. */
  default RunnerListener runner() {
    return RunnerListener.NONE;
  }

  /** Times the read {@code command} (such as {@code GET}) that {@code stage} completes; returns {@code stage}. */
  default <T> CompletionStage<T> read(String command, CompletionStage<T> stage) {
    return stage;
  }

  /** Counts a lost round of a compare-and-set loop of a {@code structure} (such as {@code dict}). */
  default void conflict(String structure) {}

  /**
   * Registers the gauge {@code name} with {@code tags} (key, value, ...), read from Redis by {@code poll} when it
   * is scraped: the gauge shows the last value read (NaN before the first), and a scrape starts the next read
   * unless one is under way. A second registration of the same name and tags keeps the first.
   */
  default void gauge(String name, Supplier<CompletionStage<? extends Number>> poll, String... tags) {}
}
