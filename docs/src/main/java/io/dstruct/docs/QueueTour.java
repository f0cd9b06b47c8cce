package io.dstruct.docs;

import static io.dstruct.docs.Tour.chapter;
import static io.dstruct.docs.Tour.did;
import static io.dstruct.docs.Tour.step;

import io.dstruct.Codecs;
import io.dstruct.Counter;
import io.dstruct.Ds;
import io.dstruct.DsList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.redisson.client.codec.StringCodec;

/**
 * The tour's chapters on DsList (redis_ds's RedisList, and a work queue) and Counter (desir's Counter).
 *
 * <p>{@link Tour#main} runs them; each chapter deletes its keys first, so a rerun against the same Redis prints
 * the same transcript.
 */
final class QueueTour {
  private QueueTour() {}

  static void list(Ds ds) throws InterruptedException {
    chapter("DsList: a Redis list as a java.util.List (redis_ds's RedisList)");
    ds.list("my-list").clear();
    // tag::list-basics[]
    DsList<Object> x = ds.list("my-list");         // the Redis list {my-list}:list, typed() codec
    String empty = x.toString();                    // []
    long a = x.append("a");                         // 1: RPUSH returns the new length
    long b = x.append("b");                         // 2
    String both = x.toString();                     // [a, b]
    Object first = x.get(0);                        // a
    // end::list-basics[]
    List<String> stored = ds.redisson().<String>getList("{my-list}:list", StringCodec.INSTANCE).readAll();
    // tag::list-pop[]
    Object tail = x.pop();                          // b: pop() takes the tail, as Python's list.pop() does
    String rest = x.toString();                     // [a]
    Object waited = x.popTail(Duration.ofSeconds(5)); // a: waits up to 5 s for the tail, as BRPOP does
    // end::list-pop[]
    did("x = RedisList('my-list')");
    step("x", empty);
    step("x.append('a')", a);
    step("x.append('b')", b);
    step("x", both);
    step("x[0]", first);
    step("redis> LRANGE {my-list}:list 0 -1", stored);
    step("x.pop()", tail);
    step("x", rest);
    step("x.pop(blocking=True)", waited);
    workQueue(ds);
  }

  private static void workQueue(Ds ds) throws InterruptedException {
    chapter("DsList: a work queue with one producer and two consumers");
    ds.list("tour-jobs").delete();                          // the list and its in-flight hash
    // tag::list-queue[]
    DsList<Long> jobs = ds.list("tour-jobs", Codecs.longs());
    BlockingQueue<Long> queue = jobs.asBlockingQueue();    // FIFO: add at the tail, take from the head
    long stop = 0;                                          // the jobs are 1..100; 0 tells a consumer to stop
    Map<String, List<Long>> taken = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    pool.execute(() -> {                                    // the producer
      for (long job = 1; job <= 100; job++) {
        queue.add(job);
      }
      queue.add(stop);                                      // one stop sign per consumer, after every job
      queue.add(stop);
    });
    for (String consumer : List.of("consumer-1", "consumer-2")) {
      pool.execute(() -> {
        List<Long> mine = new ArrayList<>();
        try {
          for (long job = queue.take(); job != stop; job = queue.take()) {  // waits on a connection of its own
            mine.add(job);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        taken.put(consumer, mine);
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    // end::list-queue[]
    List<Long> all = new ArrayList<>();
    taken.values().forEach(all::addAll);
    step("consumers that finished", new java.util.TreeSet<>(taken.keySet()));
    step("jobs taken by consumer-1 and consumer-2 together", all.size());
    step("distinct jobs taken (each went to exactly one consumer)", new HashSet<>(all).size());
    step("sum of the jobs taken", all.stream().mapToLong(Long::longValue).sum());
    step("jobs.size()", jobs.size());
    step("redis> HLEN {tour-jobs}:list:inflight", ds.redisson().getMap("{tour-jobs}:list:inflight").size());
  }

  static void counter(Ds ds) throws InterruptedException {
    chapter("Counter: one number that many processes advance (desir's Counter)");
    ds.redisson().getKeys().delete("{counter}:counter");
    // tag::counter-basics[]
    Counter c = ds.counter("counter", 5);          // created at 5 unless {counter}:counter exists
    String initial = c.toString();                 // 5
    List<Long> printed = new ArrayList<>();
    for (long i : c) {                             // every step is one INCRBY, in a script
      printed.add(i);
      if (i > 10) {
        break;
      }
    }
    long next = c.next();                          // 12
    // end::counter-basics[]
    did("c = r.Counter('counter', 5)");
    step("print 'the initial value of the counter is', c", "the initial value of the counter is " + initial);
    StringBuilder loop = new StringBuilder();
    for (long i : printed) {
      loop.append(loop.length() == 0 ? "" : "\n").append(i);
    }
    step("for i in c:\n...  print i\n...  if i > 10:\n...   break", loop);
    step("print 'the next value of the counter is', c.next()", "the next value of the counter is " + next);
    // tag::counter-shared[]
    Counter again = ds.counter("counter", 0);      // a second opener never resets it
    long seen = again.get();                       // 12
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 1000; i++) {
          again.next();                            // INCRBY: atomic on the server, nothing to retry
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    // end::counter-shared[]
    step("ds.counter('counter', 0).get()", seen);
    step("8 threads x 1000 c.next(); c.get()", c.get());
    step("redis> GET {counter}:counter", ds.redisson().getBucket("{counter}:counter", StringCodec.INSTANCE).get());
  }
}
