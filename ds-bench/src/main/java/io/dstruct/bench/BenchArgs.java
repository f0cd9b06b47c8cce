package io.dstruct.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The settings of one {@link BenchMain} run, read from its arguments and system properties.
 *
 * <p>An argument wins over a system property, which wins over the default; {@code --quick} only
 * changes the defaults. See {@link #USAGE}. The iteration settings are null unless given or {@code
 * --quick}: then each benchmark class runs with its own {@code @Warmup} and {@code @Measurement}.
 *
 * @param includes the JMH include patterns (regular expressions over benchmark names)
 * @param forks the number of forks per benchmark; 0 runs in this JVM, for debugging only
 * @param warmupIterations warm-up iterations per fork, or null for each class's own
 * @param measurementIterations measured iterations per fork, or null for each class's own
 * @param iterationTime how long each warm-up and measured iteration runs, or null for each class's own
 * @param threads how many JMH threads run each benchmark; above 1 every benchmark measures throughput
 *     (ops/s) and {@link BenchMain#ONE_THREAD_ONLY} are skipped
 * @param rounds how many times the whole selection runs, one after the other; the measured iterations
 *     of all rounds are pooled, so ds and raw alternate in time and share the machine's ups and downs
 * @param out where to write the markdown report as well, or null
 * @param json where to write JMH's JSON results, or null
 * @param help whether to print {@link #USAGE} and stop
 */
record BenchArgs(
    List<String> includes,
    int forks,
    @Nullable Integer warmupIterations,
    @Nullable Integer measurementIterations,
    @Nullable TimeValue iterationTime,
    int threads,
    int rounds,
    @Nullable String out,
    @Nullable String json,
    boolean help) {

  /** The benchmarks that run when no pattern is given: every class of this package. */
  static final List<String> DEFAULT_INCLUDES = List.of(
      "io\\.dstruct\\.bench\\.DictBench\\.",
      "io\\.dstruct\\.bench\\.BatchBench\\.",
      "io\\.dstruct\\.bench\\.HashBench\\.",
      "io\\.dstruct\\.bench\\.ListBench\\.",
      "io\\.dstruct\\.bench\\.CounterBench\\.",
      "io\\.dstruct\\.bench\\.HandoffBench\\.",
      "io\\.dstruct\\.bench\\.TopicBench\\.",
      "io\\.dstruct\\.bench\\.IdBench\\.",
      "io\\.dstruct\\.bench\\.BitmapBench\\.",
      "io\\.dstruct\\.bench\\.ObjectStoreBench\\.",
      "io\\.dstruct\\.bench\\.ConnectorBench\\.");

  /** What {@code --help} prints. */
  static final String USAGE = String.join("\n",
      "usage: java -jar ds-bench/target/benchmarks.jar [options] [regex ...]",
      "",
      "Runs the ds-vs-raw-Redisson JMH benchmarks against one Redis and prints a markdown table.",
      "Redis: REDIS_URL (or -Dds.redis.url) if set, else one embedded Redis 6.2 shared by all forks.",
      "",
      "  regex ...             JMH include patterns (default: every benchmark class: DictBench,",
      "                        BatchBench, HashBench, ListBench, CounterBench, HandoffBench, TopicBench,",
      "                        IdBench, BitmapBench, ObjectStoreBench, ConnectorBench); SuspendBench runs",
      "                        only when named, e.g. 'io\\.dstruct\\.bench\\.SuspendBench\\.'",
      "  --quick               short iterations for a smoke run: 1 x 1s warm-up, 2 x 1s measured",
      "  --forks N             forks per benchmark (default 1)         -Dds.bench.forks",
      "  --warmup N            warm-up iterations                      -Dds.bench.warmup",
      "  --iterations N        measured iterations                     -Dds.bench.iterations",
      "  --time T              time per iteration, 5s or 500ms         -Dds.bench.time",
      "                        (defaults: each class's own; DictBench and BatchBench 4 x 5s warm-up",
      "                        and 5 x 5s measured, ConnectorBench's throughput 10 x 2s and 8 x 3s,",
      "                        the others 3 x 2s warm-up and 3 x 3s measured)",
      "  --threads N           JMH threads per benchmark (default 1)       -Dds.bench.threads",
      "                        1: time per op; above 1: throughput (ops/s) of N threads sharing",
      "                        each benchmark's state, without HandoffBench,",
      "                        BitmapBench.unionRawBitSetOr and the IdBench and ConnectorBench",
      "                        latencies (1 thread only); ConnectorBench's consumer threads stay 1 or 8",
      "  --rounds N            run the whole selection N times in turn and pool the measured",
      "                        iterations, so ds and raw alternate in time (default 1)  -Dds.bench.rounds",
      "  --out FILE            also write the markdown report to FILE  -Dds.bench.out",
      "  --json FILE           also write JMH's JSON results to FILE   -Dds.bench.json",
      "  --help                print this and exit",
      "  (-Dds.bench.quick=true is the same as --quick)");

  /**
   * Reads the settings from {@code args} and {@code props}.
   *
   * @throws IllegalArgumentException if an option is unknown, lacks its value or has a bad value
   */
  static BenchArgs parse(String[] args, Properties props) {
    boolean quick = Boolean.parseBoolean(props.getProperty("ds.bench.quick", "false"));
    String forks = props.getProperty("ds.bench.forks");
    String warmup = props.getProperty("ds.bench.warmup");
    String iterations = props.getProperty("ds.bench.iterations");
    String time = props.getProperty("ds.bench.time");
    String threads = props.getProperty("ds.bench.threads");
    String rounds = props.getProperty("ds.bench.rounds");
    String out = props.getProperty("ds.bench.out");
    String json = props.getProperty("ds.bench.json");
    boolean help = false;
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--help", "-h" -> help = true;
        case "--forks" -> forks = valueOf(args, ++i, a);
        case "--warmup" -> warmup = valueOf(args, ++i, a);
        case "--iterations" -> iterations = valueOf(args, ++i, a);
        case "--time" -> time = valueOf(args, ++i, a);
        case "--threads" -> threads = valueOf(args, ++i, a);
        case "--rounds" -> rounds = valueOf(args, ++i, a);
        case "--out" -> out = valueOf(args, ++i, a);
        case "--json" -> json = valueOf(args, ++i, a);
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          includes.add(a);
        }
      }
    }
    return new BenchArgs(
        includes.isEmpty() ? DEFAULT_INCLUDES : List.copyOf(includes),
        count(forks, 1, 0, "forks"),
        optionalCount(warmup, quick ? 1 : null, 0, "warmup"),
        optionalCount(iterations, quick ? 2 : null, 1, "iterations"),
        duration(time, quick ? "1s" : null),
        count(threads, 1, 1, "threads"),
        count(rounds, 1, 1, "rounds"),
        out,
        json,
        help);
  }

  private static String valueOf(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int count(@Nullable String value, int fallback, int min, String name) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value, e);
    }
    if (n < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
    return n;
  }

  private static @Nullable Integer optionalCount(@Nullable String value, @Nullable Integer fallback, int min, String name) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return count(value, min, min, name);
  }

  private static @Nullable TimeValue duration(@Nullable String value, @Nullable String fallback) {
    String v = value == null || value.isBlank() ? fallback : value.trim();
    if (v == null) {
      return null;
    }
    if (v.chars().allMatch(Character::isDigit)) {
      v = v + "s";
    }
    TimeValue t;
    try {
      t = TimeValue.fromString(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("time must look like 5s or 500ms: " + value, e);
    }
    if (t.getTime() <= 0) {
      throw new IllegalArgumentException("time must be positive: " + value);
    }
    return t;
  }
}
