package io.dstruct.docs;

import io.dstruct.Ds;
import io.dstruct.IdGenerator;
import io.dstruct.IdGeneratorOptions;
import io.dstruct.IdRange;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.redisson.client.codec.StringCodec;

/** The tour chapter of IdGenerator. */
final class IdTour {
  private IdTour() {}

  static void idGenerator(Ds ds) throws InterruptedException {
    Tour.chapter("IdGenerator: unique ids in blocks (Kickass-Redis idgenerator)");
    ds.redisson().getKeys().delete("{tour-orders}:id");
    // tag::id-basics[]
    IdGenerator orders = ds.idGenerator("tour-orders",
        IdGeneratorOptions.defaults().withBlockSize(1000).withFirstId(1));
    long first = orders.nextId();              // 1: reserves 1..1000 with one script call
    long second = orders.nextId();             // 2: no round trip
    IdRange batch = orders.nextIds(10);        // 3..12, contiguous
    // end::id-basics[]
    Tour.step("orders.nextId()", first);
    Tour.step("orders.nextId()", second);
    Tour.step("orders.nextIds(10)", batch);
    Tour.step("redis> GET {tour-orders}:id   (the last id reserved)",
        ds.redisson().getBucket("{tour-orders}:id", StringCodec.INSTANCE).get());

    // tag::id-threads[]
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 25_000; i++) {
          seen.add(orders.nextId());           // lock-free; the next block is reserved ahead
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    // end::id-threads[]
    Tour.step("4 threads x 25,000 orders.nextId(): distinct ids", seen.size());
    IdGenerator other = ds.idGenerator("tour-orders");   // another process would do the same
    Tour.step("another generator on the same name: nextId() > all of those", other.nextId() > seen.stream().mapToLong(Long::longValue).max().orElse(0));
    ds.redisson().getKeys().delete("{tour-orders}:id");
  }
}
