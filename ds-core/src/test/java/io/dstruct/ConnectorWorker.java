package io.dstruct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RList;
import org.redisson.client.codec.StringCodec;

/**
 * A consumer process for ConnectorCrashTest, one of several that receive as one connector of {@code Long}
 * payloads, and that a test may kill with kill -9. Arguments: redisUri name worker threads batch holdMs
 * visibilityTimeoutMs.
 *
 * <p>Each thread receives up to {@code batch} messages, records them (payload:attempt) in the Redis list {@code
 * {name}:test:delivered:<worker>} before it answers any, waits {@code holdMs} (its "work"; for the first half of it,
 * the key {@code {name}:test:holding:<worker>} exists, so a test can kill it while it holds leases), acks them all at once
 * (async), and records the payloads whose ack succeeded in {@code {name}:test:acked:<worker>}, and those whose lease
 * had moved on in {@code {name}:test:moved:<worker>}. It stops when a receive finds nothing and the connector has
 * no message left in any state, or after 3 minutes (status 3). Any other failure ends it with status 2. It prints
 * {@code first <ms> last <ms> delivered <n>} (wall-clock ms of its first and last delivery) when it ends.
 */
public final class ConnectorWorker {
  private ConnectorWorker() {}

  /** Runs the worker. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String name = args[1];
    String me = args[2];
    int threads = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    long holdMs = Long.parseLong(args[5]);
    Duration vt = Duration.ofMillis(Long.parseLong(args[6]));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    AtomicLong last = new AtomicLong();
    AtomicLong delivered = new AtomicLong();
    try (Ds ds = Ds.connect(uri)) {
      Connector<Long> c = ds.connector(name, Codecs.longs(), ConnectorOptions.defaults().withVisibilityTimeout(vt)
          .withMaxAttempts(100));
      RList<String> deliveredLog = ds.redisson().getList("{" + name + "}:test:delivered:" + me, StringCodec.INSTANCE);
      RList<String> ackedLog = ds.redisson().getList("{" + name + "}:test:acked:" + me, StringCodec.INSTANCE);
      RList<String> movedLog = ds.redisson().getList("{" + name + "}:test:moved:" + me, StringCodec.INSTANCE);
      RBucket<String> holding = ds.redisson().getBucket("{" + name + "}:test:holding:" + me, StringCodec.INSTANCE);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          while (true) {
            if (System.nanoTime() - deadline > 0) {
              System.out.println("deadline passed with " + c.stats());
              System.exit(3);
            }
            List<Delivery<Long>> got = c.receive(batch, Duration.ofMillis(500));
            if (got.isEmpty()) {
              ConnectorStats s = c.stats();
              if (s.inbox() == 0 && s.delayed() == 0) {
                return null;
              }
              continue;
            }
            long now = System.currentTimeMillis();
            first.accumulateAndGet(now, Math::min);
            last.accumulateAndGet(now, Math::max);
            delivered.addAndGet(got.size());
            List<String> seen = new ArrayList<>(got.size());
            for (Delivery<Long> d : got) {
              seen.add(d.payload() + ":" + d.attempt());
            }
            deliveredLog.addAll(seen); // one RPUSH, before any answer
            if (holdMs > 0) {
              // Marks for half the hold that this process holds leases now, then holds them.
              holding.set(Integer.toString(got.size()), Duration.ofMillis(holdMs / 2));
              Thread.sleep(holdMs);
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(got.size());
            for (Delivery<Long> d : got) {
              acks.add(d.async().ack().toCompletableFuture());
            }
            List<String> acked = new ArrayList<>(got.size());
            List<String> moved = new ArrayList<>();
            for (int i = 0; i < got.size(); i++) {
              try {
                acks.get(i).join();
                acked.add(got.get(i).payload().toString());
              } catch (CompletionException e) {
                if (e.getCause() instanceof DsLeaseException) {
                  moved.add(got.get(i).payload() + ":" + got.get(i).attempt());
                } else {
                  throw e;
                }
              }
            }
            if (!acked.isEmpty()) {
              ackedLog.addAll(acked);
            }
            if (!moved.isEmpty()) {
              movedLog.addAll(moved);
            }
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      System.out.println("first " + first.get() + " last " + last.get() + " delivered " + delivered.get());
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(2);
    }
  }
}
