package io.dstruct.internal;

import io.dstruct.scripts.DeliveryException;
import io.dstruct.scripts.RunnerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * ds's meters in a Micrometer registry; docs/observability.md lists them. Meters are made on first use and kept, so
 * recording one is a map lookup, two clock reads and the timer's own work.
 */
final class MicrometerMetrics implements Metrics, RunnerListener {
  /** The values of the {@code outcome} tag, indexed by {@link #SUCCESS}, {@link #ERROR} and {@link #UNKNOWN}. */
  private static final String[] OUTCOMES = {"success", "error", "unknown"};
  private static final int SUCCESS = 0;
  private static final int ERROR = 1;
  private static final int UNKNOWN = 2;

  private final MeterRegistry registry;
  /** The timers of each script and of each command, by outcome: a lookup by name, no key built per call. */
  private final Map<String, Timer[]> scripts = new ConcurrentHashMap<>();
  private final Map<String, Timer[]> commands = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static Metrics create(MeterRegistry registry) {
    return new MicrometerMetrics(registry);
  }

  @Override
  public RunnerListener runner() {
    return this;
  }

  // ---- the runner's calls

  @Override
  public void ended(String operation, boolean script, long nanos, @Nullable Throwable failure) {
    int outcome = failure == null ? SUCCESS
        : failure instanceof DeliveryException d && d.sent() ? UNKNOWN : ERROR;
    if (outcome == UNKNOWN) {
      counter("ds.outcome.unknown", "operation", operation).increment();
    }
    (script ? timer(scripts, "ds.script", "script", operation, outcome)
        : timer(commands, "ds.command", "command", operation, outcome)).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void reloaded(String operation) {
    counter("ds.script.reloads", "script", operation).increment();
  }

  @Override
  public void retried(String operation, int failures) {
    counter("ds.retries", "operation", operation).increment();
  }

  @Override
  public <T> CompletionStage<T> read(String command, CompletionStage<T> stage) {
    long start = System.nanoTime();
    return stage.whenComplete((v, e) -> timer(commands, "ds.command", "command", command, e == null ? SUCCESS : ERROR)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
  }

  @Override
  public void conflict(String structure) {
    counter("ds.cas.conflicts", "structure", structure).increment();
  }

  private Timer timer(Map<String, Timer[]> cache, String name, String tag, String value, int outcome) {
    Timer[] byOutcome = cache.get(value);
    if (byOutcome == null) {
      byOutcome = cache.computeIfAbsent(value, k -> new Timer[OUTCOMES.length]);
    }
    Timer t = byOutcome[outcome];
    if (t == null) {
      // A race registers the same meter twice: the registry returns the one it holds.
      t = Timer.builder(name).tag(tag, value).tag("outcome", OUTCOMES[outcome])
          .description(name.equals("ds.script") ? "Lua scripts run by ds, resends included"
              : "Redis commands sent by ds outside scripts, resends included")
          .register(registry);
      byOutcome[outcome] = t;
    }
    return t;
  }

  private Counter counter(String name, String tag, String value) {
    String id = name + '\0' + value;
    Counter c = counters.get(id);
    if (c == null) {
      c = counters.computeIfAbsent(id, k -> Counter.builder(name).tag(tag, value).register(registry));
    }
    return c;
  }

  // ---- gauges

  @Override
  public void gauge(String name, Supplier<CompletionStage<? extends Number>> poll, String... tags) {
    Polled polled = new Polled(poll);
    Gauge.builder(name, polled, Polled::value).tags(tags).strongReference(true).register(registry);
  }

  /** The last value a poll read; reading it starts the next poll unless one is under way. */
  private static final class Polled {
    private final Supplier<CompletionStage<? extends Number>> poll;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile double last = Double.NaN;

    Polled(Supplier<CompletionStage<? extends Number>> poll) {
      this.poll = poll;
    }

    double value() {
      if (polling.compareAndSet(false, true)) {
        try {
          poll.get().whenComplete((n, e) -> {
            if (e == null && n != null) {
              last = n.doubleValue();
            }
            polling.set(false);
          });
        } catch (RuntimeException e) {
          polling.set(false); // a closed Ds: keep the last value
        }
      }
      return last;
    }
  }
}
