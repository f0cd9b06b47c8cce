package io.dstruct.docs;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.DictOptions;
import io.dstruct.Ds;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsWrongTypeException;
import io.dstruct.HashDict;
import io.dstruct.testing.EmbeddedRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The tour of ds: a program that walks through every structure against a real Redis and prints each
 * step as the Java call it makes and, after {@code //}, the Java value it returned.
 *
 * <p>Where a seed README (redis-dict, redis_ds, Kickass-Redis) shows Python code, the chapter first quotes it
 * as it is, Python calls with Python values, then makes the same calls in Java.
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
      dictNesting(ds);
      dictAtomic(ds);
      dictExpiry(ds);
      dictBatch(ds);
      dictCodecs(ds);
      hashDict(ds);
      QueueTour.list(ds);
      QueueTour.counter(ds);
      IdTour.idGenerator(ds);
      BitmapTour.bitmapCounter(ds);
      StoreTour.objectStore(ds);
      TopicTour.topic(ds);
      ConnectorTour.connector(ds, uri);
      MetricsTour.metrics(uri);
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
    String printed = dic.toString();                // {baz=a string, foo=42}: SCAN order, not insertion order
    // end::dict-basics[]
    python("redis-dict", ">>> from redis_dict import RedisDict", ">>> dic = RedisDict(namespace='bar')",
        ">>> 'foo' in dic", "False", ">>> dic['foo'] = 42", ">>> dic['foo']", "42", ">>> 'foo' in dic", "True",
        ">>> dic[\"baz\"] = \"a string\"", ">>> print(dic)", "{'foo': 42, 'baz': 'a string'}");
    did("Dict<Object> dic = ds.dict(\"bar\")");
    step("dic.containsKey(\"foo\")", before);
    did("dic.put(\"foo\", 42L)");
    step("dic.get(\"foo\")", foo);
    step("dic.containsKey(\"foo\")", dic.containsKey("foo"));
    did("dic.put(\"baz\", \"a string\")");
    step("dic.toString()", printed + "   (in SCAN order)");
    RedissonClient redis = ds.redisson();
    did("RedissonClient redis = ds.redisson()");
    step("redis.getKeys().getKeysStreamByPattern(\"bar:*\").sorted().toList()",
        redis.getKeys().getKeysStreamByPattern("bar:*").sorted().toList());
    step("redis.getBucket(\"bar:foo\", StringCodec.INSTANCE).get()",
        redis.getBucket("bar:foo", StringCodec.INSTANCE).get());
  }

  static void dictNesting(Ds ds) {
    chapter("Dict: nested namespaces, and the strict mode");
    ds.dict("tour-app").clear();
    // tag::dict-nesting[]
    Dict<Object> app = ds.dict("tour-app");
    Dict<Object> users = ds.dict("tour-app:users");
    app.put("version", 3L);
    users.put("ada", "admin");                     // the key tour-app:users:ada
    int seen = app.size();                          // 2: tour-app holds every key under tour-app:
    DictOptions strict = DictOptions.defaults().withStrictNamespace(true);
    Dict<Object> strictApp = ds.dict("tour-app", Codecs.typed(), strict);
    int own = strictApp.size();                     // 1: a strict Dict skips nested namespaces
    strictApp.clear();                              // deletes tour-app:version only
    // end::dict-nesting[]
    step("app.size()", seen);
    step("strictApp.size()", own);
    did("strictApp.clear()");
    step("app.keySet()", app.keySet());
    step("users.get(\"ada\")", users.get("ada"));
    try {
      strictApp.put("users:bob", "guest");
    } catch (DsInvalidArgumentException e) {
      step("strictApp.put(\"users:bob\", \"guest\")", "throws " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    users.delete();
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
    did("// 8 threads, 1000 times each: hits.merge(\"page\", 1L, Long::sum)");
    step("hits.get(\"page\")", hits.get("page"));
    step("hits.putIfAbsent(\"first\", 1L)", hits.putIfAbsent("first", 1L));
    step("hits.putIfAbsent(\"first\", 2L)", hits.putIfAbsent("first", 2L));
    step("hits.replace(\"first\", 1L, 10L)", hits.replace("first", 1L, 10L));
    step("hits.replace(\"first\", 1L, 20L)", hits.replace("first", 1L, 20L));
    step("hits.remove(\"first\", 10L)", hits.remove("first", 10L));
    step("hits.computeIfAbsent(\"lazy\", k -> 7L)", hits.computeIfAbsent("lazy", k -> 7L));
    ds.redisson().getMap("tour-hits:a-hash", StringCodec.INSTANCE).put("field", "value");
    did("ds.redisson().getMap(\"tour-hits:a-hash\", StringCodec.INSTANCE).put(\"field\", \"value\")");
    try {
      hits.put("a-hash", 1L);
    } catch (DsWrongTypeException e) {
      step("hits.put(\"a-hash\", 1L)", "throws " + e.getClass().getSimpleName() + ": " + e.getMessage());
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
    step("sessions.ttl(\"alice\")", sessions.ttl("alice"));
    step("sessions.ttl(\"bob\")", seconds(sessions.ttl("bob")));
    step("sessions.ttl(\"gone_in_sixty_seconds\")", seconds(sessions.ttl("gone_in_sixty_seconds")));
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
    step("fib.batch(b -> { /* 10 puts */ })", results);
    step("fib.get(\"9\")", fib.get("9"));
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
    RedissonClient redis = ds.redisson();
    step("users.get(\"u1\")", users.get("u1"));
    step("redis.getBucket(\"tour-users:u1\", StringCodec.INSTANCE).get()",
        redis.getBucket("tour-users:u1", StringCodec.INSTANCE).get());
    step("redis.getBucket(\"tour-py:list\", StringCodec.INSTANCE).get()",
        redis.getBucket("tour-py:list", StringCodec.INSTANCE).get());
    step("py.get(\"dict\")", py.get("dict"));
    step("redis.getBucket(\"tour-py:none\", StringCodec.INSTANCE).get()",
        redis.getBucket("tour-py:none", StringCodec.INSTANCE).get());
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
    python("redis_ds", ">>> from redis_ds import redis_hash_dict", ">>> x = redis_hash_dict.RedisHashDict(\"some_hash_key\")",
        ">>> x", "{}", ">>> x['a'] = 100", ">>> x", "{'a': '100'}", ">>> x['a']", "'100'", ">>> x['b']", ">>> len(x)", "1");
    did("HashDict<Object> x = ds.hashDict(\"some_hash_key\")");
    step("x.toString()", empty);
    did("x.put(\"a\", 100L)");
    step("x.toString()", printed);
    step("x.get(\"a\")", a);
    step("x.get(\"b\")", b);
    step("x.size()", len);
    RedissonClient redis = ds.redisson();
    step("redis.getMap(\"{some_hash_key}:hash\", StringCodec.INSTANCE).readAllMap()",
        redis.getMap("{some_hash_key}:hash", StringCodec.INSTANCE).readAllMap());
    ds.dict("some_hash_key").put("a", 1L);
    did("ds.dict(\"some_hash_key\").put(\"a\", 1L)   // a Dict of the same name");
    step("redis.getKeys().getKeysStreamByPattern(\"*some_hash_key*\").sorted().toList()",
        redis.getKeys().getKeysStreamByPattern("*some_hash_key*").sorted().toList());
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
    did("// 8 threads, 1000 times each: counts.merge(\"page\", 1L, Long::sum)");
    step("counts.get(\"page\")", counts.get("page"));
    step("counts.putIfAbsent(\"owner\", 7L)", owner);
    step("counts.putIfAbsent(\"owner\", 8L)", counts.putIfAbsent("owner", 8L));
    step("counts.replace(\"owner\", 7L, 9L)", counts.replace("owner", 7L, 9L));
    step("counts.toString()", counts);
    counts.clear();

    // tag::hashdict-expiry[]
    x.expire(Duration.ofMinutes(10));   // one TTL for the whole hash: every field goes with it
    x.put("b", 200L);                   // writing a field keeps the hash's TTL
    Duration left = x.ttl();            // about 600 s
    x.persist();                        // no TTL again
    // end::hashdict-expiry[]
    did("x.expire(Duration.ofMinutes(10))");
    did("x.put(\"b\", 200L)");
    step("x.ttl()", seconds(left));
    did("x.persist()");
    step("x.ttl()", x.ttl());
    step("x.toString()", x);
    x.clear();
  }

  // ---- printing

  static void chapter(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
  }

  /** Prints a Java call and, after {@code //}, the Java value it returned. */
  static void step(String code, @Nullable Object result) {
    System.out.println(code + "   // " + result);
  }

  /** Prints a Java statement whose result the tour does not show. */
  static void did(String code) {
    System.out.println(code);
  }

  /** Quotes a seed README's Python session as it is, each line indented under a heading. */
  static void python(String project, String... lines) {
    System.out.println("-- " + project + " (Python), as its README shows it:");
    for (String line : lines) {
      System.out.println("   | " + line);
    }
    System.out.println("-- the same with ds (Java):");
  }

  static @Nullable String seconds(@Nullable Duration d) {
    return d == null ? null : "about " + Math.round(d.toMillis() / 1000.0) + " s";
  }
}
