package io.dstruct.docs;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.DictOptions;
import io.dstruct.Ds;
import io.dstruct.DsWrongTypeException;
import io.dstruct.HashDict;
import io.dstruct.testing.EmbeddedRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.redisson.client.codec.StringCodec;

/**
 * The tour of ds: a program that walks through every structure against a real Redis and prints each
 * step with its result, the way the seed READMEs show REPL transcripts.
 *
 * <p>It uses {@code REDIS_URL} when set, else starts an embedded Redis for the run. Run it with
 * {@code mvn -q -Ptour -pl docs -am verify -DskipTests}.
 */
public final class Tour {
  private Tour() {}

  /** Runs the tour. */
  public static void main(String[] args) throws Exception {
    String url = System.getenv("REDIS_URL");
    EmbeddedRedis embedded = url == null || url.isBlank() ? EmbeddedRedis.start() : null;
    String uri = embedded != null ? embedded.uri() : url;
    System.out.println("ds tour against " + (embedded != null ? "an embedded Redis at " : "") + uri);
    try (Ds ds = Ds.connect(uri)) {
      dict(ds);
      dictAtomic(ds);
      dictExpiry(ds);
      dictBatch(ds);
      dictCodecs(ds);
      hashDict(ds);
      QueueTour.list(ds);
      QueueTour.counter(ds);
      IdTour.idGenerator(ds);
      BitmapTour.bitmapCounter(ds);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.out.println();
    System.out.println("End of the tour.");
  }

  static void dict(Ds ds) {
    chapter("Dict: one namespace as a map (redis-dict)");
    ds.dict("bar").clear();
    // tag::dict-basics[]
    Dict<Object> dic = ds.dict("bar");              // typed() codec: the redis-dict wire format
    boolean before = dic.containsKey("foo");        // false
    dic.put("foo", 42L);
    Object foo = dic.get("foo");                    // 42
    dic.put("baz", "a string");
    String printed = dic.toString();                // {foo=42, baz=a string}
    // end::dict-basics[]
    step("'foo' in dic", before);
    did("dic['foo'] = 42");
    step("dic['foo']", foo);
    step("'foo' in dic", dic.containsKey("foo"));
    did("dic['baz'] = 'a string'");
    step("print(dic)", printed);
    TreeSet<String> keys = new TreeSet<>();
    ds.redisson().getKeys().getKeysByPattern("bar:*").forEach(keys::add);
    step("redis> KEYS bar:*", keys);
    step("redis> GET bar:foo", ds.redisson().getBucket("bar:foo", StringCodec.INSTANCE).get());
  }

  static void dictAtomic(Ds ds) throws InterruptedException {
    chapter("Dict: atomic across threads and processes");
    Dict<Long> hits = ds.dict("tour-hits", Codecs.longs());
    hits.clear();
    // tag::dict-atomic[]
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 1000; i++) {
          hits.merge("page", 1L, Long::sum);   // read, add, compare-and-set; retried on conflict
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    // end::dict-atomic[]
    step("8 threads x 1000 hits.merge('page', 1, Long::sum); hits['page']", hits.get("page"));
    step("hits.putIfAbsent('first', 1)", hits.putIfAbsent("first", 1L));
    step("hits.putIfAbsent('first', 2)", hits.putIfAbsent("first", 2L));
    step("hits.replace('first', 1, 10)", hits.replace("first", 1L, 10L));
    step("hits.replace('first', 1, 20)", hits.replace("first", 1L, 20L));
    step("hits.remove('first', 10)", hits.remove("first", 10L));
    step("hits.computeIfAbsent('lazy', k -> 7)", hits.computeIfAbsent("lazy", k -> 7L));
    ds.redisson().getMap("tour-hits:a-hash", StringCodec.INSTANCE).put("field", "value");
    try {
      hits.put("a-hash", 1L);
    } catch (DsWrongTypeException e) {
      step("hits.put('a-hash', 1) where a-hash is a hash", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    ds.redisson().getKeys().delete("tour-hits:a-hash");
  }

  static void dictExpiry(Ds ds) {
    chapter("Dict: expiry");
    // tag::dict-expiry[]
    Dict<String> sessions = ds.dict("tour-sessions", Codecs.string(),
        DictOptions.defaults().withDefaultTtl(Duration.ofMinutes(30)));
    sessions.put("alice", "token-1");                               // expires in 30 minutes
    sessions.put("bob", "token-2", Duration.ofSeconds(10));         // a TTL for this put
    try (var scope = sessions.withTtl(Duration.ofSeconds(60))) {    // this thread only, restored on close
      sessions.put("gone_in_sixty_seconds", "foo");
    }
    sessions.persist("alice");                                      // alice no longer expires
    // end::dict-expiry[]
    step("sessions.ttl('alice') after persist", sessions.ttl("alice"));
    step("sessions.ttl('bob')", seconds(sessions.ttl("bob")));
    step("sessions.ttl('gone_in_sixty_seconds')", seconds(sessions.ttl("gone_in_sixty_seconds")));
    sessions.clear();
  }

  static void dictBatch(Ds ds) {
    chapter("Dict: batching (one round trip)");
    Dict<Long> fib = ds.dict("tour-fib", Codecs.longs());
    fib.clear();
    // tag::dict-batch[]
    List<Object> results = fib.batch(b -> {
      long a = 0;
      long c = 1;
      for (int i = 0; i < 10; i++) {
        b.put(Integer.toString(i), a);
        long next = a + c;
        a = c;
        c = next;
      }
    });
    // end::dict-batch[]
    step("fib.batch(10 puts) results", results);
    step("fib['9']", fib.get("9"));
    fib.clear();
  }

  static void dictCodecs(Ds ds) {
    chapter("Dict: codecs");
    record User(String name, int age) {}
    // tag::dict-codecs[]
    Dict<User> users = ds.dict("tour-users", Codecs.json(User.class));   // Jackson 3, no polymorphic typing
    users.put("u1", new User("Ada", 36));
    Dict<Object> py = ds.dict("tour-py");                                  // what a Python redis-dict writes
    py.put("list", List.of(1L, "two", 3.5));
    py.put("dict", Map.of("a", true));
    py.put("none", Codecs.NONE);
    // end::dict-codecs[]
    step("users['u1']", users.get("u1"));
    step("redis> GET tour-users:u1", ds.redisson().getBucket("tour-users:u1", StringCodec.INSTANCE).get());
    step("redis> GET tour-py:list", ds.redisson().getBucket("tour-py:list", StringCodec.INSTANCE).get());
    step("py['dict']", py.get("dict"));
    step("redis> GET tour-py:none", ds.redisson().getBucket("tour-py:none", StringCodec.INSTANCE).get());
    users.clear();
    py.clear();
  }

  static void hashDict(Ds ds) throws InterruptedException {
    chapter("HashDict: one Redis hash as a map (redis_ds)");
    ds.hashDict("some_hash_key").clear();
    // tag::hashdict-basics[]
    HashDict<Object> x = ds.hashDict("some_hash_key");   // the Redis hash {some_hash_key}:hash
    String empty = x.toString();                         // {}
    x.put("a", 100L);
    String printed = x.toString();                       // {a=100}
    Object a = x.get("a");                               // 100
    Object b = x.get("b");                               // null
    int len = x.size();                                  // 1, one HLEN
    // end::hashdict-basics[]
    did("x = ds.hashDict('some_hash_key')");
    step("x", empty);
    did("x['a'] = 100");
    step("x", printed);
    step("x['a']", a);
    step("x['b']", b);
    step("len(x)", len);
    step("redis> HGETALL {some_hash_key}:hash",
        ds.redisson().getMap("{some_hash_key}:hash", StringCodec.INSTANCE).readAllMap());
    ds.dict("some_hash_key").put("a", 1L);
    TreeSet<String> keys = new TreeSet<>();
    ds.redisson().getKeys().getKeysByPattern("*some_hash_key*").forEach(keys::add);
    step("redis> KEYS *some_hash_key*   (after a Dict of the same name wrote 'a')", keys);
    ds.dict("some_hash_key").clear();

    HashDict<Long> counts = ds.hashDict("tour-counts", Codecs.longs());
    counts.clear();
    // tag::hashdict-atomic[]
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 1000; i++) {
          counts.merge("page", 1L, Long::sum);   // one field: HGET, add, compare-and-set script; retried on conflict
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    Long owner = counts.putIfAbsent("owner", 7L);   // null: this caller won the field (one script)
    // end::hashdict-atomic[]
    step("8 threads x 1000 counts.merge('page', 1, Long::sum); counts['page']", counts.get("page"));
    step("counts.putIfAbsent('owner', 7)", owner);
    step("counts.putIfAbsent('owner', 8)", counts.putIfAbsent("owner", 8L));
    step("counts.replace('owner', 7, 9)", counts.replace("owner", 7L, 9L));
    step("counts", counts);
    counts.clear();

    // tag::hashdict-expiry[]
    x.expire(Duration.ofMinutes(10));   // one TTL for the whole hash: every field goes with it
    x.put("b", 200L);                   // writing a field keeps the hash's TTL
    Duration left = x.ttl();            // about 600 s
    x.persist();                        // no TTL again
    // end::hashdict-expiry[]
    step("x.expire(10 min); x['b'] = 200; x.ttl()", seconds(left));
    step("x.persist(); x.ttl()", x.ttl());
    step("x", x);
    x.clear();
  }

  // ---- printing

  static void chapter(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
  }

  static void step(String code, @Nullable Object result) {
    System.out.println(">>> " + code);
    System.out.println(result);
  }

  static void did(String code) {
    System.out.println(">>> " + code);
  }

  static @Nullable String seconds(@Nullable Duration d) {
    return d == null ? null : "about " + Math.round(d.toMillis() / 1000.0) + " s";
  }
}
