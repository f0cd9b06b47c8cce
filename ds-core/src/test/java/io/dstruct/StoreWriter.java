package io.dstruct;

import io.dstruct.StoreModels.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A separate process for ObjectStoreFaultTest, to be killed with kill -9 while it writes: several threads do
 * random writes (saves at the version read, updates, deletes, saveAll, getOrInsert) on one ObjectStore of
 * {@link Account}s. Arguments: redisUri name threads seed [reindex]. It stops by itself after 100,000 writes
 * per thread or 2 minutes, whichever comes first; any failure but a conflict or a unique violation ends it
 * with status 2. With {@code reindex} it writes nothing but runs {@link ObjectStore#reindex()} once.
 */
public final class StoreWriter {
  private StoreWriter() {}

  /** Runs the writer. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String name = args[1];
    int threads = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Ds ds = Ds.connect(uri)) {
      ObjectStore<Account> store = ds.objectStore(name, Account.SCHEMA,
          ObjectStoreOptions.defaults().withChangeFeed(1_000_000));
      if (args.length > 4 && args[4].equals("reindex")) {
        System.out.println("reindexed " + store.reindex());
        return;
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed * 100 + t);
        String me = "p" + seed + "t" + t;
        running.add(pool.submit(() -> {
          for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
            long id = 1 + random.nextInt(60);
            try {
              write(store, random, id, me + "-" + i);
            } catch (DsConflictException | DsUniqueViolationException expected) {
              // another thread got there first
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static Account account(Random random, long id, long version, String note) {
    String tier = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "a" : "b";
    return new Account(id, "t" + random.nextInt(4), tier, "e" + random.nextInt(80) + "@x", random.nextInt(1000),
        version, note);
  }

  private static void write(ObjectStore<Account> store, Random random, long id, String note) {
    switch (random.nextInt(8)) {
      case 0, 1, 2 -> {
        Account current = store.get(id);
        store.save(account(random, id, current == null ? 0 : current.version(), note));
      }
      case 3 -> store.update(id, Map.of("note", note, "score", (long) random.nextInt(1000),
          "email", "e" + random.nextInt(80) + "@x"));
      case 4 -> store.delete(id);
      case 5 -> {
        List<Account> batch = new ArrayList<>();
        for (long other = id; other < id + 3; other++) {
          Account current = store.get(other);
          batch.add(account(random, other, current == null ? 0 : current.version(), note));
        }
        store.saveAll(batch);
      }
      case 6 -> store.getOrInsert("email", account(random, id, 0, note));
      default -> store.insert(account(random, 0, 0, note)); // an id from the store's generator
    }
  }
}
