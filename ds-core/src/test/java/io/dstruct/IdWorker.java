package io.dstruct;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate process for IdGeneratorTest: takes ids from one generator with several threads and writes
 * them to a file, one per line. Arguments: redisUri name threads idsPerThread outFile.
 */
public final class IdWorker {
  private IdWorker() {}

  /** Runs the worker. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String name = args[1];
    int threads = Integer.parseInt(args[2]);
    int perThread = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    try (Ds ds = Ds.connect(uri)) {
      IdGenerator ids = ds.idGenerator(name);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          long[] mine = new long[perThread];
          for (int i = 0; i < perThread; i++) {
            mine[i] = ids.nextId();
            if (i > 0 && mine[i] <= mine[i - 1]) {
              throw new IllegalStateException("ids of one thread went back: " + mine[i - 1] + " then " + mine[i]);
            }
          }
          return mine;
        }));
      }
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
        for (Future<long[]> f : results) {
          for (long id : f.get()) {
            w.println(id);
          }
        }
      }
      pool.shutdown();
    }
  }
}
