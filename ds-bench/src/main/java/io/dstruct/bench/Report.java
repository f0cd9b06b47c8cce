package io.dstruct.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.MultisetStatistics;

/**
 * The markdown report of a {@link BenchMain} run: one row per ds/raw pair with both scores, their ratio
 * and whether the ratio meets its target, then the settings and the latency percentiles.
 *
 * <p>The ratio is always the ds score divided by the raw score. For a time per operation (µs/op,
 * ms/op) lower is better, so the target is a ceiling; for a throughput (ops/s) higher is better, so
 * the target is a floor; a pair of times measured as throughputs ({@code --threads N}) has the floor
 * 1 / its ceiling. The ± of a score is JMH's score error, the half-width of its 99.9% confidence
 * interval. The ± of a ratio {@code r = ds/raw} is propagated from both: {@code r * sqrt((eDs/ds)^2 +
 * (eRaw/raw)^2)}. A pair passes when the ratio itself meets the target; when the target lies inside
 * ratio ± error the verdict says so, since the run cannot tell the two apart. A pair without a target ({@link
 * Goal#NONE}) shows its ratio for context only.
 */
final class Report {

  /** Which side of its target a ratio must be on. */
  enum Goal {
    /** A time: the ratio must be at most the target. */
    AT_MOST("≤"),
    /** A throughput: the ratio must be at least the target. */
    AT_LEAST("≥"),
    /** No target: the ratio is shown for context, and has no verdict. */
    NONE("");

    final String sign;

    Goal(String sign) {
      this.sign = sign;
    }

    boolean met(double ratio, double target) {
      return switch (this) {
        case AT_MOST -> ratio <= target;
        case AT_LEAST -> ratio >= target;
        case NONE -> true;
      };
    }
  }

  /** A ds benchmark, the raw benchmark it is compared with, and the target of their ratio. */
  record Pair(String operation, String dsBenchmark, String dsCall, String rawBenchmark, String rawCall, Goal goal,
      double target) {

    /** A pair of times, whose ratio must be at most {@code target}. */
    Pair(String operation, String dsBenchmark, String dsCall, String rawBenchmark, String rawCall, double target) {
      this(operation, dsBenchmark, dsCall, rawBenchmark, rawCall, Goal.AT_MOST, target);
    }

    /**
     * Returns this pair for scores in {@code unit}: a pair of times measured as throughputs (ops/s, as
     * with {@code --threads N}) gets the floor {@code 1 / target}, since the ratio of the rates is the
     * inverse of the ratio of the times.
     */
    Pair measuredIn(String unit) {
      return goal == Goal.AT_MOST && unit.startsWith("ops/")
          ? new Pair(operation, dsBenchmark, dsCall, rawBenchmark, rawCall, Goal.AT_LEAST, 1 / target)
          : this;
    }
  }

  /** The pairs of this package, in the order of the table. */
  static final List<Pair> PAIRS = List.of(
      new Pair("get", "DictBench.getDs", "`Dict.get`", "DictBench.getRaw", "`RBucket.get`", 1.15),
      new Pair("get, metrics on vs off", "DictBench.getDsMetered", "`Dict.get`, meters in a `SimpleMeterRegistry`",
          "DictBench.getDs", "`Dict.get`, no registry (ds, not raw Redisson)", 1.05),
      new Pair("set", "DictBench.setDs", "`Dict.set`", "DictBench.setRaw", "`RBucket.set`", 1.15),
      new Pair("put", "DictBench.putDs", "`Dict.put`", "DictBench.setRaw", "`RBucket.set`", 1.15),
      new Pair("batch of 10,000", "BatchBench.batchDs", "`dict.batch(10,000 × put)`", "BatchBench.batchRaw",
          "`RBatch` of 10,000 `setAsync`", 1.20),
      new Pair("hash get", "HashBench.getDs", "`HashDict.get`", "HashBench.getRaw", "`RMap.get`", 1.15),
      new Pair("hash set", "HashBench.setDs", "`HashDict.set`", "HashBench.setRaw", "`RMap.fastPut`", 1.15),
      new Pair("hash put", "HashBench.putDs", "`HashDict.put`", "HashBench.setRaw", "`RMap.fastPut`", 1.15),
      new Pair("list append + pop", "ListBench.appendPopDs", "`DsList.append` + `pop`", "ListBench.appendPopRaw",
          "`RList.add` + `RDeque.pollLast`", 1.15),
      new Pair("counter next", "CounterBench.nextDs", "`Counter.next()`", "CounterBench.nextRaw",
          "`RAtomicLong.incrementAndGet()`", 1.15),
      new Pair("handoff between 2 threads, per element", "HandoffBench.handoffDs",
          "`asBlockingQueue()`: `offer` / `take`", "HandoffBench.handoffRaw", "`RBlockingQueue`: `offer` / `take`",
          1.50),
      new Pair("topic publish → listener, per message", "TopicBench.publishReceiveDs",
          "`Topic.publish` / `subscribe` listener", "TopicBench.publishReceiveRaw",
          "`RTopic.publish` / `MessageListener`", 1.15),
      new Pair("ids/s, vs RIdGenerator", "IdBench.nextIdDs", "`IdGenerator.nextId()`", "IdBench.nextIdRaw",
          "`RIdGenerator.nextId()`, `tryInit(1, 1000)`", Goal.AT_LEAST, 1.5),
      new Pair("ids/s, vs INCR", "IdBench.nextIdDs", "`IdGenerator.nextId()`", "IdBench.incrRaw",
          "`RAtomicLong.incrementAndGet()`", Goal.AT_LEAST, 50),
      new Pair("bitmap add of 1,000 ids", "BitmapBench.addAllDs", "`BitmapCounter.addAll` (1,000 ids, one day)",
          "BitmapBench.addAllRaw", "`RBatch` of 1,000 `RBitSetAsync.setAsync`", 1.0),
      new Pair("30-day union", "BitmapBench.unionDs", "`countUnion(DAY, from, to)`", "BitmapBench.unionRawBitSets",
          "30 × `asBitSet()`, OR, `cardinality()`", 1.0),
      new Pair("30-day union", "BitmapBench.unionDs", "`countUnion(DAY, from, to)`", "BitmapBench.unionRawPipelined",
          "`RBatch` of 30 `toByteArrayAsync()`, OR, bit count", 1.0),
      new Pair("30-day union", "BitmapBench.unionDs", "`countUnion(DAY, from, to)`", "BitmapBench.unionRawBitSetOr",
          "`RBitSet.or(30 days)` into a scratch key, `cardinality()`, `delete()`", 1.0),
      new Pair("object save (new, id assigned)", "ObjectStoreBench.saveDs", "`ObjectStore.save` (id 0: assigned)",
          "ObjectStoreBench.saveRaw", "`RLiveObjectService.persist`, 3 `@RIndex`, id from an INCR", 1 / 3.0),
      new Pair("find, 1 indexed field (~10 objects)", "ObjectStoreBench.findEqDs", "`find(where(\"name\").eq(x))`",
          "ObjectStoreBench.findEqRaw", "`find(Conditions.eq)`, then the getters", 1 / 3.0),
      new Pair("find, 2 indexed fields (AND)", "ObjectStoreBench.findAndDs",
          "`find(where(\"name\").eq(x).and(\"city\").eq(y))`", "ObjectStoreBench.findAndRaw",
          "`find(Conditions.and(eq, eq))`, then the getters", 1 / 5.0),
      new Pair("score range, top 10 (~100 match)", "ObjectStoreBench.findRangeDs",
          "`between(a, b).orderBy(\"score\").descending().limit(10)`", "ObjectStoreBench.findRangeRaw",
          "`find(Conditions.and(ge, le))`, sort in the JVM, getters of the top 10", 1.0),
      new Pair("connector send + receive + ack, 1 consumer thread", "ConnectorBench.throughputDs1",
          "`Connector`: async `send`; `receive` + `ack`", "ConnectorBench.throughputRawStream1",
          "`RStream`: `addAsync` (XADD); `readGroup` (XREADGROUP) + `ack` (XACK)", Goal.AT_LEAST, 0.8),
      new Pair("connector send + receive + ack, 8 consumer threads", "ConnectorBench.throughputDs8",
          "`Connector`: async `send`; `receive` + `ack`", "ConnectorBench.throughputRawStream8",
          "`RStream`: `addAsync` (XADD); `readGroup` (XREADGROUP) + `ack` (XACK)", Goal.AT_LEAST, 0.8),
      new Pair("connector vs a plain queue, 1 consumer thread", "ConnectorBench.throughputDs1",
          "`Connector`: async `send`; `receive` + `ack`", "ConnectorBench.throughputRawQueue1",
          "`RBlockingQueue`: `offerAsync`; `take` (no ack, no guarantee)", Goal.NONE, Double.NaN),
      new Pair("connector vs a plain queue, 8 consumer threads", "ConnectorBench.throughputDs8",
          "`Connector`: async `send`; `receive` + `ack`", "ConnectorBench.throughputRawQueue8",
          "`RBlockingQueue`: `offerAsync`; `take` (no ack, no guarantee)", Goal.NONE, Double.NaN),
      new Pair("connector message, send to acked, idle consumer (mean)", "ConnectorBench.latencyDs",
          "`send`; `receive` + `ack` on a waiting consumer", "ConnectorBench.latencyRawStream",
          "`add` (XADD); blocked `readGroup` + `ack`", Goal.NONE, Double.NaN),
      new Pair("suspend get, no dispatcher", "SuspendBench.getSuspend", "`CoDict.get` (resumes off netty)",
          "SuspendBench.getAwait", "kotlinx `await()` of `AsyncDict.get` (resumes on netty)", 1.15),
      new Pair("suspend get, no dispatcher", "SuspendBench.getSuspend", "`CoDict.get` (resumes off netty)",
          "SuspendBench.getAsync", "`AsyncDict.get(k).toCompletableFuture().join()`", 1.15),
      new Pair("suspend get, on Dispatchers.Default", "SuspendBench.getSuspendDispatched", "`CoDict.get`",
          "SuspendBench.getAwaitDispatched", "kotlinx `await()` of `AsyncDict.get`", 1.15));

  /** A latency whose percentiles the report lists: the benchmark, in JMH's sample-time mode, and its call. */
  record Latency(String benchmark, String call) {}

  /** The latencies of this package, in the order of the report. */
  static final List<Latency> LATENCIES = List.of(
      new Latency("IdBench.nextIdDsLatency", "`IdGenerator.nextId()` (blocks of 1,000, next block reserved ahead)"),
      new Latency("ConnectorBench.latencyDs",
          "a `Connector` message, from `send` until an idle consumer has received and acked it"),
      new Latency("ConnectorBench.latencyRawStream",
          "a raw `RStream` message, from XADD until an idle consumer has read (XREADGROUP) and acked (XACK) it"));

  /** The percentiles the report gives of each latency. */
  private static final double[] PERCENTILES = {50, 99, 99.9, 99.99};

  /** One measured benchmark: its score, score error and unit. */
  record Score(double score, double error, String unit) {}

  private Report() {}

  /**
   * Returns the score of every benchmark, by name without the package, pooling the measured
   * iterations of all {@code rounds}.
   *
   * <p>The score is the mean of the iteration scores and the error the half-width of its 99.9%
   * confidence interval, as JMH computes them; for one round they equal JMH's own.
   */
  static Map<String, Score> scores(List<Collection<RunResult>> rounds) {
    Map<String, ListStatistics> stats = new LinkedHashMap<>();
    Map<String, String> units = new HashMap<>();
    String prefix = Report.class.getPackageName() + ".";
    for (Collection<RunResult> round : rounds) {
      for (RunResult r : round) {
        String name = r.getParams().getBenchmark();
        if (name.startsWith(prefix)) {
          name = name.substring(prefix.length());
        }
        ListStatistics s = stats.computeIfAbsent(name, n -> new ListStatistics());
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
          for (IterationResult it : fork.getIterationResults()) {
            s.addValue(it.getPrimaryResult().getScore());
          }
        }
        units.put(name, r.getPrimaryResult().getScoreUnit());
      }
    }
    Map<String, Score> out = new LinkedHashMap<>();
    stats.forEach((name, s) -> out.put(name,
        new Score(s.getMean(), s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN, units.get(name))));
    return out;
  }

  /** Returns the markdown table of every pair whose two benchmarks were both measured. */
  static String table(Map<String, Score> scores) {
    StringBuilder b = new StringBuilder();
    b.append("| Operation | ds | raw Redisson | ds score | raw score | ds / raw | target | verdict |\n");
    b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    List<String> missing = new ArrayList<>();
    for (Pair pair : PAIRS) {
      Score ds = scores.get(pair.dsBenchmark());
      Score raw = scores.get(pair.rawBenchmark());
      if (ds == null || raw == null) {
        missing.add(pair.operation() + " (" + pair.rawCall() + ")");
        continue;
      }
      Pair p = pair.measuredIn(ds.unit());
      double ratio = ds.score() / raw.score();
      double ratioError = ratio * Math.sqrt(square(ds.error() / ds.score()) + square(raw.error() / raw.score()));
      b.append("| ").append(p.operation())
          .append(" | ").append(p.dsCall())
          .append(" | ").append(p.rawCall())
          .append(" | ").append(score(ds))
          .append(" | ").append(score(raw))
          .append(" | ").append(plusMinus(ratio, ratioError))
          .append(" | ").append(p.goal() == Goal.NONE ? "none" : p.goal().sign + ' ' + number(p.target(), 2))
          .append(" | ").append(verdict(ratio, ratioError, p.goal(), p.target()))
          .append(" |\n");
    }
    if (!missing.isEmpty()) {
      b.append("\nNot measured in this run: ").append(String.join(", ", missing)).append('\n');
    }
    return b.toString();
  }

  /** Returns PASS or MISS, noting when the target lies within the ratio's error; "ratio only" without a target. */
  static String verdict(double ratio, double error, Goal goal, double target) {
    if (goal == Goal.NONE) {
      return "ratio only";
    }
    String v = goal.met(ratio, target) ? "PASS" : "MISS";
    if (!Double.isNaN(error) && Math.abs(ratio - target) <= error) {
      v += " (target within error)";
    }
    return v;
  }

  /**
   * Returns one markdown bullet per {@link #LATENCIES latency} that was measured: its percentiles over
   * every sample of every round, and the number of samples.
   */
  static String latencies(List<Collection<RunResult>> rounds) {
    StringBuilder b = new StringBuilder();
    String prefix = Report.class.getPackageName() + ".";
    for (Latency latency : LATENCIES) {
      MultisetStatistics pooled = new MultisetStatistics();
      String unit = null;
      for (Collection<RunResult> round : rounds) {
        for (RunResult r : round) {
          if (!r.getParams().getBenchmark().equals(prefix + latency.benchmark())) {
            continue;
          }
          Iterator<Map.Entry<Double, Long>> samples = r.getPrimaryResult().getStatistics().getRawData();
          while (samples.hasNext()) {
            Map.Entry<Double, Long> e = samples.next();
            pooled.addValue(e.getKey(), e.getValue());
          }
          unit = r.getPrimaryResult().getScoreUnit().replace("/op", "").replace("us", "µs");
        }
      }
      if (pooled.getN() == 0) {
        continue;
      }
      b.append("- Latency of ").append(latency.call()).append(", JMH sample time, ")
          .append(String.format(Locale.ROOT, "%,d", pooled.getN())).append(" calls sampled: ");
      for (double p : PERCENTILES) {
        b.append(percentileName(p)).append(' ').append(number(pooled.getPercentile(p), 0)).append(' ').append(unit)
            .append(", ");
      }
      b.append("max ").append(number(pooled.getMax(), 0)).append(' ').append(unit).append('\n');
    }
    return b.toString();
  }

  /**
   * Returns the JMH settings of the run, grouped by benchmark class: forks, warm-up and measured
   * iterations, as the forks actually ran them.
   */
  static String settings(List<Collection<RunResult>> rounds) {
    Map<String, List<String>> classesBySetting = new LinkedHashMap<>();
    String prefix = Report.class.getPackageName() + ".";
    for (RunResult r : rounds.get(0)) {
      BenchmarkParams p = r.getParams();
      String name = p.getBenchmark().startsWith(prefix) ? p.getBenchmark().substring(prefix.length()) : p.getBenchmark();
      String className = name.substring(0, name.lastIndexOf('.'));
      String setting = String.format(Locale.ROOT, "%d fork, %d × %s warm-up, %d × %s measured", p.getForks(),
          p.getWarmup().getCount(), p.getWarmup().getTime(), p.getMeasurement().getCount(), p.getMeasurement().getTime());
      List<String> classes = classesBySetting.computeIfAbsent(setting, s -> new ArrayList<>());
      if (!classes.contains(className)) {
        classes.add(className);
      }
    }
    List<String> parts = new ArrayList<>();
    classesBySetting.forEach((setting, classes) -> {
      classes.sort(null);
      parts.add(String.join(", ", classes) + ": " + setting);
    });
    return String.join("; ", parts);
  }

  private static String percentileName(double p) {
    return p == Math.rint(p) ? "p" + (long) p : "p" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }

  private static String score(Score s) {
    String unit = s.unit().replace("us/op", "µs/op");
    return plusMinus(s.score(), s.error()) + " " + unit;
  }

  /** Returns {@code value ± error} with as many decimals as the size of {@code value} calls for. */
  private static String plusMinus(double value, double error) {
    int decimals = decimals(value);
    String v = number(value, decimals);
    return Double.isNaN(error) ? v + " ± n/a" : v + " ± " + number(error, decimals);
  }

  /** Three decimals under 10, two under 100, one under 10,000, none above. */
  private static int decimals(double value) {
    double a = Math.abs(value);
    return a < 10 ? 3 : a < 100 ? 2 : a < 10_000 ? 1 : 0;
  }

  /** Formats {@code value} with {@code decimals} decimals, and thousands separators from 10,000 up. */
  private static String number(double value, int decimals) {
    String f = Math.abs(value) >= 10_000 ? "%,." + decimals + "f" : "%." + decimals + "f";
    return String.format(Locale.ROOT, f, value);
  }

  private static double square(double x) {
    return x * x;
  }
}
