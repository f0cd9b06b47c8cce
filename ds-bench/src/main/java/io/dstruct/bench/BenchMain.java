package io.dstruct.bench;

import io.dstruct.Ds;
import io.dstruct.testing.RedisUri;
import io.dstruct.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The command that runs the ds benchmarks against one Redis and prints how ds compares with raw
 * Redisson.
 *
 * <p>It resolves the Redis once, in this JVM, with {@link TestRedis#uri()}: {@code REDIS_URL} (or
 * {@code -Dds.redis.url}) when set, else one embedded Redis 6.2 that lives as long as this JVM. It
 * passes that URI and one namespace to every JMH fork as system properties, so all benchmarks, ds and
 * raw alike, hit the same server and the same keys. After the run it deletes the namespace and prints a
 * markdown table (see {@link Report}) with the machine and the settings.
 *
 * <p>Options are listed by {@code --help}. By default each benchmark class runs with its own
 * iterations (DictBench and BatchBench 4 × 5 s warm-up and 5 × 5 s measured, ConnectorBench's throughput
 * 10 × 2 s and 8 × 3 s, the other benchmarks 3 × 2 s and 3 × 3 s), in one fork per benchmark; the whole suite
 * takes about eighteen minutes on two cores.
 * It runs one JMH thread and measures the time per operation; {@code --threads N} runs N threads and
 * measures throughput (ops/s), without the benchmarks of {@link #ONE_THREAD_ONLY}.
 * These are benchmarks, not tests: CI only compiles them.
 */
public final class BenchMain {
  /**
   * The benchmarks that {@code --threads N} above 1 skips, as JMH exclude patterns, each with why: they
   * are defined for one JMH thread only.
   */
  static final Map<String, String> ONE_THREAD_ONLY = new LinkedHashMap<>();

  static {
    ONE_THREAD_ONLY.put("io\\.dstruct\\.bench\\.HandoffBench\\.",
        "HandoffBench (one consumer thread per queue, one element in flight: a figure of one producer)");
    ONE_THREAD_ONLY.put("io\\.dstruct\\.bench\\.BitmapBench\\.unionRawBitSetOr$",
        "BitmapBench.unionRawBitSetOr (one scratch key, which concurrent calls would overwrite and delete)");
    ONE_THREAD_ONLY.put("io\\.dstruct\\.bench\\.IdBench\\.nextIdDsLatency$",
        "IdBench.nextIdDsLatency (the latency percentiles, a 1-thread figure)");
    ONE_THREAD_ONLY.put("io\\.dstruct\\.bench\\.ConnectorBench\\.latency(Ds|RawStream)$",
        "ConnectorBench.latencyDs and latencyRawStream (one message in flight to an idle consumer, a 1-thread figure)");
  }

  private BenchMain() {}

  /**
   * Runs the benchmarks that {@code args} select and prints the report.
   *
   * <p>Exits with status 2 on bad arguments and 1 when a benchmark fails.
   */
  public static void main(String[] args) {
    BenchArgs settings;
    try {
      settings = BenchArgs.parse(args, System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("ds-bench: " + e.getMessage());
      System.err.println(BenchArgs.USAGE);
      System.exit(2);
      return;
    }
    if (settings.help()) {
      System.out.println(BenchArgs.USAGE);
      return;
    }
    try {
      run(settings);
    } catch (RunnerException e) {
      System.err.println("ds-bench: a benchmark failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
    // Redisson and embedded-redis leave threads behind; the shutdown hooks stop the server.
    System.exit(0);
  }

  private static void run(BenchArgs settings) throws RunnerException {
    long started = System.nanoTime();
    String loadBefore = loadAverage();
    String uri = TestRedis.uri();
    String source = TestRedis.source();
    String namespace = TestRedis.namespace("ds-bench");
    // For --forks 0, where the benchmarks run in this JVM.
    System.setProperty(BenchRedis.URL_PROPERTY, uri);
    System.setProperty(BenchRedis.NAMESPACE_PROPERTY, namespace);

    try (Ds ds = Ds.connect(uri)) {
      String redisVersion = redisVersion(ds);
      ServerStatsOutput output = new ServerStatsOutput(ds.redisson());
      List<Collection<RunResult>> rounds = new ArrayList<>();
      try {
        for (int round = 1; round <= settings.rounds(); round++) {
          if (settings.rounds() > 1) {
            System.out.printf(Locale.ROOT, "%n# ds-bench round %d of %d%n", round, settings.rounds());
          }
          rounds.add(new Runner(options(settings, uri, namespace, round).build(), output).run());
        }
      } finally {
        // Dict keys live under "<namespace>:", the other structures' under "{<namespace>:<part>}:".
        ds.redisson().getKeys().deleteByPattern(namespace + ":*");
        ds.redisson().getKeys().deleteByPattern("{" + namespace + ":*");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String serverTime = output.perClass();
      String report = report(settings, rounds, uri, source, redisVersion, serverTime, took, loadBefore, loadAverage());
      System.out.println();
      System.out.println(report);
      if (settings.out() != null) {
        write(Path.of(settings.out()), report);
      }
    }
  }

  private static ChainedOptionsBuilder options(BenchArgs settings, String uri, String namespace, int round) {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .forks(settings.forks())
        .threads(settings.threads())
        .shouldFailOnError(true)
        .jvmArgs("-Xms1g", "-Xmx1g")
        .jvmArgsAppend("-D" + BenchRedis.URL_PROPERTY + "=" + uri, "-D" + BenchRedis.NAMESPACE_PROPERTY + "=" + namespace);
    // Unless given, the iterations are each benchmark class's own (@Warmup, @Measurement).
    Integer warmup = settings.warmupIterations();
    Integer measured = settings.measurementIterations();
    TimeValue time = settings.iterationTime();
    if (warmup != null) {
      o = o.warmupIterations(warmup);
    }
    if (measured != null) {
      o = o.measurementIterations(measured);
    }
    if (time != null) {
      o = o.warmupTime(time).measurementTime(time);
    }
    for (String include : settings.includes()) {
      o = o.include(include);
    }
    if (settings.threads() > 1) {
      o = o.mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS);
      for (String exclude : ONE_THREAD_ONLY.keySet()) {
        o = o.exclude(exclude);
      }
    }
    String json = settings.json();
    if (json != null) {
      String file = settings.rounds() == 1 ? json : json.replaceFirst("(\\.json)?$", "-round" + round + ".json");
      o = o.resultFormat(ResultFormatType.JSON).result(file);
    }
    return o;
  }

  private static String redisVersion(Ds ds) {
    try {
      RedisNode node = ds.redisson().getRedisNodes(RedisNodes.SINGLE).getInstance();
      Map<String, String> server = node.info(RedisNode.InfoSection.SERVER);
      return server.getOrDefault("redis_version", "unknown");
    } catch (RuntimeException e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static String report(BenchArgs settings, List<Collection<RunResult>> rounds, String uri, String source,
      String redisVersion, String serverTime, Duration took, String loadBefore, String loadAfter) {
    RedisUri where = new RedisUri(uri);
    StringBuilder b = new StringBuilder();
    b.append(Report.table(Report.scores(rounds)));
    b.append('\n');
    b.append("- ds / raw is the ds score divided by the raw score. For a time per operation (µs/op, ms/op) lower is"
        + " better and the target is a ceiling (≤); for a throughput (ops/s; in IdBench one operation is one id, in"
        + " ConnectorBench one message) higher is better and the target is a floor (≥); \"none\" is a ratio shown for"
        + " context, without a target\n");
    if (settings.threads() == 1) {
      b.append("- Handoff: one operation is `offer` on the JMH thread until a consumer thread, blocked in `take`, has"
          + " the element; one element in flight, so the score is the time per handed-off element\n");
    }
    if (ranConnectorBench(rounds)) {
      b.append("- Connector: one operation is one message, sent by the JMH thread without waiting for the reply"
          + " (at most ").append(ConnectorBench.WINDOW).append(" messages between send and done), received and"
          + " acked (the queue: taken) by one of the state's 1 or 8 consumer threads; the latency sends and waits"
          + " until a single idle consumer has received and acked the message\n");
    }
    b.append(Report.latencies(rounds));
    b.append("- Redis ").append(redisVersion).append(" (").append(source).append(", ")
        .append(where.host()).append(':').append(where.port()).append(")\n");
    b.append("- Java ").append(System.getProperty("java.runtime.version")).append(" (")
        .append(System.getProperty("java.vm.name")).append("), ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
    b.append("- JMH: ");
    if (settings.rounds() > 1) {
      b.append(settings.rounds()).append(" rounds; ");
    }
    b.append(Report.settings(rounds));
    if (settings.threads() == 1) {
      b.append("; 1 JMH thread (plus the consumer threads of the handoff and the connector);"
          + " average time per op, except the ids/s and messages/s (throughput) and the latencies (sample time)\n");
    } else {
      b.append("; ").append(settings.threads()).append(" JMH threads sharing each benchmark's state; throughput"
          + " (ops/s, all threads together) of every benchmark; not run at more than 1 thread: ")
          .append(String.join(", ", ONE_THREAD_ONLY.values())).append('\n');
    }
    b.append("- ± is the 99.9% confidence half-width of the mean over the measured iterations (JMH's score error);"
        + " the ratio's is propagated from both scores\n");
    b.append("- Redis server time per call, by benchmark class, from setup to teardown of its forks (INFO"
        + " commandstats; EVALSHA includes the commands its script runs):\n").append(serverTime);
    b.append("- Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
        .append('\n');
    b.append(String.format(Locale.ROOT, "- Whole run: %d min %02d s%n", took.toMinutes(), took.toSecondsPart()));
    return b.toString();
  }

  private static boolean ranConnectorBench(List<Collection<RunResult>> rounds) {
    String prefix = ConnectorBench.class.getName() + ".";
    return rounds.stream().flatMap(Collection::stream).anyMatch(r -> r.getParams().getBenchmark().startsWith(prefix));
  }

  /** Returns the first three fields of /proc/loadavg, or "n/a" where there is none. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "n/a";
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void write(Path file, String report) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
  }
}
