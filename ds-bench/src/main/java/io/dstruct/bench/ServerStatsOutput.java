package io.dstruct.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.redisson.api.RedissonClient;

/**
 * JMH's usual console output, which also reads the Redis server's {@link ServerStats} as each
 * benchmark starts and ends, and adds up the differences per benchmark class.
 *
 * <p>JMH calls it in the {@link BenchMain} JVM around each benchmark's forks, so a class's statistics
 * cover its forks from setup to teardown, and no other class's. Several runs (rounds) may share one
 * instance; {@link #close()} leaves standard output open.
 */
final class ServerStatsOutput implements OutputFormat {
  private final OutputFormat out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
  private final RedissonClient redisson;
  private final Map<String, ServerStats> byClass = new TreeMap<>();
  private ServerStats atStart = ServerStats.none();

  /** Reads the statistics through {@code redisson}, a client of the benchmarked Redis. */
  ServerStatsOutput(RedissonClient redisson) {
    this.redisson = redisson;
  }

  /**
   * Returns one markdown sub-bullet per benchmark class that ran, by name: the server time per call of
   * its commands, as {@link ServerStats#perCall()} gives it.
   */
  String perClass() {
    StringBuilder b = new StringBuilder();
    byClass.forEach((cls, stats) -> b.append("  - ").append(cls).append(": ").append(stats.perCall()).append('\n'));
    return b.toString();
  }

  private static String classOf(String benchmark) {
    String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
  }

  @Override
  public void startBenchmark(BenchmarkParams params) {
    atStart = ServerStats.read(redisson);
    out.startBenchmark(params);
  }

  @Override
  public void endBenchmark(BenchmarkResult result) {
    ServerStats delta = ServerStats.read(redisson).since(atStart);
    byClass.merge(classOf(result.getParams().getBenchmark()), delta, ServerStats::plus);
    out.endBenchmark(result);
  }

  @Override
  public void iteration(BenchmarkParams params, IterationParams iteration, int number) {
    out.iteration(params, iteration, number);
  }

  @Override
  public void iterationResult(BenchmarkParams params, IterationParams iteration, int number, IterationResult result) {
    out.iterationResult(params, iteration, number, result);
  }

  @Override
  public void startRun() {
    out.startRun();
  }

  @Override
  public void endRun(Collection<RunResult> results) {
    out.endRun(results);
  }

  @Override
  public void print(String s) {
    out.print(s);
  }

  @Override
  public void println(String s) {
    out.println(s);
  }

  @Override
  public void flush() {
    out.flush();
  }

  /** Flushes, but leaves standard output open for the report and the next round. */
  @Override
  public void close() {
    out.flush();
  }

  @Override
  public void verbosePrintln(String s) {
    out.verbosePrintln(s);
  }

  @Override
  public void write(int b) {
    out.write(b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    out.write(b);
  }
}
