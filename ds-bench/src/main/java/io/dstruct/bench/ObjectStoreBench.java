package io.dstruct.bench;

import io.dstruct.Id;
import io.dstruct.IdRange;
import io.dstruct.Indexed;
import io.dstruct.ObjectStore;
import io.dstruct.Ordered;
import io.dstruct.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RLiveObjectService;
import org.redisson.api.condition.Condition;
import org.redisson.api.RedissonClient;
import org.redisson.api.condition.Conditions;
import org.redisson.codec.Kryo5Codec;
import org.redisson.config.Config;

/**
 * A benchmark of {@link ObjectStore} writes and queries against Redisson's {@link RLiveObjectService}
 * with {@code @RIndex} on the same properties, over the same data.
 *
 * <p>Each side holds the same {@value #OBJECTS} objects ({@link Dataset}, ids 1 to {@value #OBJECTS}):
 * a name drawn from {@value #NAMES} values (so an equality hits about 10 objects), a city from {@value
 * #CITIES} values and a score below {@value #SCORES}. ds stores them as {@link Person} records in the store
 * {@code <namespace>:objects}; the raw side as {@link LivePerson} live objects, under {@code
 * <namespace>:live:} (see {@link BenchNamingScheme}). The setups load them, check that each kind of
 * query returns exactly what this JVM computes from the data, and delete everything again in teardown.
 * Pairs, each a ds benchmark and its raw twin, both returning materialized objects:
 * <ul>
 *   <li>{@link #saveDs} ({@code save} of a new record, id 0, so the store assigns one from its id
 *       generator: one script) against {@link #saveRaw} ({@code persist} of a new live object, whose id
 *       is one {@code RAtomicLong.incrementAndGet()}, the INCR that Redisson's {@code LongGenerator} sends;
 *       then Redisson writes each property and updates each of the three indexes in calls of its own);
 *   <li>{@link #findEqDs} ({@code find(where("name").eq(x))}) against {@link #findEqRaw} ({@code
 *       find(LivePerson.class, Conditions.eq("name", x))}, then the getters of each result, one HGET per
 *       property, to build the same records);
 *   <li>{@link #findAndDs} ({@code where("name").eq(x).and("city").eq(y)}) against {@link #findAndRaw}
 *       ({@code Conditions.and(eq, eq)}, then the getters);
 *   <li>{@link #findRangeDs} ({@code where("score").between(a, b).orderBy("score").descending().limit(10)},
 *       about 100 matches of which 10 come back) against {@link #findRangeRaw}: a live-object query cannot
 *       sort or limit, so {@code Conditions.and(ge("score", a), le("score", b))}, one {@code getScore()} of
 *       each match, a sort in this JVM, and the getters of the first ten.
 * </ul>
 *
 * <p>The raw side runs on a Redisson client of its own, with the configuration of ds's client (same
 * server, pool and threads) but Redisson's default codec, Kryo 5, instead of ds's {@code StringCodec}: a
 * live-object query with {@code Conditions.and} decodes the ids of its index intersection with the
 * client's codec, not the entity's, so on ds's client its ids come back as strings and {@code getId()}
 * fails with a {@code ClassCastException} (and under {@code StringCodec} a {@code Long} property would come
 * back as a string anyway). ds stores scalars as plain text and decodes the records with Jackson 3.
 *
 * <p>Each side is a state of its own ({@link DsSide}, {@link RawSide}), so a benchmark loads only its own
 * side. All JMH threads ({@code --threads N}) share each state; the cursor over the queries, updated
 * without synchronization, stays in range, so threads may only repeat a query.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class ObjectStoreBench {
  /** The objects each side holds. */
  static final int OBJECTS = 10_000;
  /** The distinct names; an equality on the name hits about {@code OBJECTS / NAMES} objects. */
  static final int NAMES = 1_000;
  /** The distinct cities. */
  static final int CITIES = 10;
  /** The scores are below this. */
  static final long SCORES = 1_000_000;
  /** The width of a score range, which holds about {@code OBJECTS * WIDTH / SCORES} = 100 objects. */
  static final long WIDTH = 10_000;
  /** How many objects a range query returns, highest score first. */
  static final int TOP = 10;
  /** How many different queries of each kind the calls cycle through; a power of two. */
  static final int QUERIES = 1024;
  /** How many objects the setups write per call. */
  static final int CHUNK = 500;

  /**
   * The ds object of the store: the same properties as {@link LivePerson}, with an equality index on the
   * name and the city and an ordered index on the score.
   *
   * @param id the id; 0 has the store assign one
   * @param name one of {@value #NAMES} names
   * @param city one of {@value #CITIES} cities
   * @param score below {@value #SCORES}
   */
  public record Person(@Id long id, @Indexed String name, @Indexed String city, @Ordered long score) {}

  /**
   * The data both sides hold and the queries both sides run, drawn once from a fixed seed, and the
   * answer of each query computed in this JVM.
   */
  static final class Dataset {
    static final Dataset INSTANCE = new Dataset();

    /** The objects; the one at index {@code i} has the id {@code i + 1}. */
    final Person[] people = new Person[OBJECTS];
    /** The name of each equality query: the name of an object drawn at random. */
    final String[] eqNames = new String[QUERIES];
    /** The name and the city of each AND query: those of an object drawn at random, so at least it matches. */
    final String[] andNames = new String[QUERIES];
    final String[] andCities = new String[QUERIES];
    /** The lowest score of each range; the highest is {@code rangeFrom + WIDTH}, both inclusive. */
    final long[] rangeFrom = new long[QUERIES];

    private Dataset() {
      Random random = new Random(20260901L);
      for (int i = 0; i < OBJECTS; i++) {
        people[i] = new Person(i + 1, String.format("name-%03d", random.nextInt(NAMES)),
            "city-" + random.nextInt(CITIES), random.nextInt((int) SCORES));
      }
      for (int q = 0; q < QUERIES; q++) {
        eqNames[q] = people[random.nextInt(OBJECTS)].name();
        Person p = people[random.nextInt(OBJECTS)];
        andNames[q] = p.name();
        andCities[q] = p.city();
        rangeFrom[q] = random.nextInt((int) (SCORES - WIDTH));
      }
    }

    /** Returns a copy of the object at {@code i} (modulo {@value #OBJECTS}) with the id {@code id}. */
    Person template(int i, long id) {
      Person p = people[i % OBJECTS];
      return new Person(id, p.name(), p.city(), p.score());
    }

    /** Returns the objects of equality query {@code q}, by id. */
    List<Person> eq(int q) {
      return Arrays.stream(people).filter(p -> p.name().equals(eqNames[q])).toList();
    }

    /** Returns the objects of AND query {@code q}, by id. */
    List<Person> and(int q) {
      return Arrays.stream(people).filter(p -> p.name().equals(andNames[q]) && p.city().equals(andCities[q])).toList();
    }

    /** Returns the objects of range query {@code q}: highest score first, ties by highest id, at most {@link #TOP}. */
    List<Person> range(int q) {
      long from = rangeFrom[q];
      return Arrays.stream(people).filter(p -> p.score() >= from && p.score() <= from + WIDTH)
          .sorted(BY_SCORE_DESCENDING).limit(TOP).toList();
    }

    /**
     * Checks that {@code side} answered the first {@code n} queries of each kind as this JVM does.
     *
     * @throws IllegalStateException at the first answer that differs
     */
    void check(String side, int n, Answers answers) {
      for (int q = 0; q < n; q++) {
        same(side, "eq " + q, byId(answers.eq(q)), eq(q));
        same(side, "and " + q, byId(answers.and(q)), and(q));
        List<Person> range = answers.range(q);
        List<Person> expected = range(q);
        // The order of equal scores is the store's own; compare the scores in order and the objects as a set.
        List<Long> scores = range.stream().map(Person::score).toList();
        List<Long> expectedScores = expected.stream().map(Person::score).toList();
        if (!scores.equals(expectedScores) || !Set.copyOf(range).equals(Set.copyOf(rangeOf(q, scores)))) {
          throw new IllegalStateException(side + " answers range " + q + " with " + range + ", not " + expected);
        }
      }
    }

    private List<Person> rangeOf(int q, List<Long> scores) {
      long from = rangeFrom[q];
      Set<Long> wanted = new HashSet<>(scores);
      return Arrays.stream(people)
          .filter(p -> p.score() >= from && p.score() <= from + WIDTH && wanted.contains(p.score())).toList();
    }

    private static List<Person> byId(List<Person> people) {
      List<Person> sorted = new ArrayList<>(people);
      sorted.sort(Comparator.comparingLong(Person::id));
      return sorted;
    }

    private static void same(String side, String query, List<Person> got, List<Person> expected) {
      if (!got.equals(expected)) {
        throw new IllegalStateException(side + " answers " + query + " with " + got + ", not " + expected);
      }
    }
  }

  /** Runs {@code cleanUp} after {@code failure}, adding what it throws to the failure's suppressed ones. */
  static void closeAfter(Throwable failure, Runnable cleanUp) {
    try {
      cleanUp.run();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The order of a range's results: highest score first, ties by highest id. */
  static final Comparator<Person> BY_SCORE_DESCENDING =
      Comparator.comparingLong(Person::score).thenComparingLong(Person::id).reversed();

  /** The three queries of one side, for {@link Dataset#check}. */
  interface Answers {
    List<Person> eq(int q);

    List<Person> and(int q);

    List<Person> range(int q);
  }

  /** The ds side: the store, loaded with the {@link Dataset}, and the queries as {@link Query} objects. */
  @State(Scope.Benchmark)
  public static class DsSide implements Answers {
    BenchRedis redis;
    String storeName;
    ObjectStore<Person> store;
    Query[] eq;
    Query[] and;
    Query[] range;
    int next;
    int nextSave;

    /** Connects, loads the data and checks the answers and a save; disconnects again if that fails. */
    @Setup(Level.Trial)
    public void setUp() {
      redis = BenchRedis.open("ds-bench-objects");
      storeName = redis.name("objects");
      try {
        load();
      } catch (RuntimeException | Error e) {
        // JMH skips the teardown of a failed setup; without it Redisson's threads keep the fork alive.
        closeAfter(e, this::tearDown);
        throw e;
      }
    }

    private void load() {
      deleteKeys();
      Dataset data = Dataset.INSTANCE;
      // Reserve the dataset's ids from the store's own generator, so that the ids it assigns follow them.
      IdRange ids = redis.ds().idGenerator(storeName).nextIds(OBJECTS);
      if (ids.first() != 1 || ids.last() != OBJECTS) {
        throw new IllegalStateException("the id generator of " + storeName + " reserved " + ids
            + " instead of 1.." + OBJECTS);
      }
      store = redis.ds().objectStore(storeName, Person.class);
      for (int from = 0; from < OBJECTS; from += CHUNK) {
        store.saveAll(List.of(data.people).subList(from, Math.min(OBJECTS, from + CHUNK)));
      }
      eq = new Query[QUERIES];
      and = new Query[QUERIES];
      range = new Query[QUERIES];
      for (int q = 0; q < QUERIES; q++) {
        eq[q] = Query.where("name").eq(data.eqNames[q]);
        and[q] = Query.where("name").eq(data.andNames[q]).and("city").eq(data.andCities[q]);
        range[q] = Query.where("score").between(data.rangeFrom[q], data.rangeFrom[q] + WIDTH)
            .orderBy("score").descending().limit(TOP);
      }
      data.check("ds", 32, this);
      Person saved = store.save(data.template(0, 0));
      Person read = store.get(saved.id());
      if (saved.id() <= OBJECTS || !saved.equals(read) || !store.delete(saved.id())) {
        throw new IllegalStateException("ds saved " + saved + " and read back " + read);
      }
    }

    /** Deletes the store's keys and disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        deleteKeys();
      } finally {
        redis.close();
      }
    }

    private void deleteKeys() {
      // Every key of the store, its id generator's too, is under the hash tag {<name>}.
      redis.redisson().getKeys().deleteByPattern("{" + storeName + "}*");
    }

    int advance() {
      int i = next;
      next = (i + 1) & (QUERIES - 1);
      return i;
    }

    @Override
    public List<Person> eq(int q) {
      return store.find(eq[q]);
    }

    @Override
    public List<Person> and(int q) {
      return store.find(and[q]);
    }

    @Override
    public List<Person> range(int q) {
      return store.find(range[q]);
    }
  }

  /**
   * The raw side: the live objects, loaded with the {@link Dataset}, the queries as Redisson {@link
   * Condition}s, and the counter the ids of new objects come from.
   */
  @State(Scope.Benchmark)
  public static class RawSide implements Answers {
    BenchRedis redis;
    @Nullable RedissonClient client;
    RLiveObjectService live;
    RAtomicLong ids;
    Condition[] eq;
    Condition[] and;
    Condition[] range;
    int next;
    int nextSave;

    /** Connects, loads the data and checks the answers and a persist; disconnects again if that fails. */
    @Setup(Level.Trial)
    public void setUp() {
      redis = BenchRedis.open("ds-bench-objects");
      BenchNamingScheme.prefix(redis.name("live") + ":");
      try {
        load();
      } catch (RuntimeException | Error e) {
        closeAfter(e, this::tearDown);
        throw e;
      }
    }

    private void load() {
      deleteKeys();
      Dataset data = Dataset.INSTANCE;
      Config config = new Config(redis.redisson().getConfig());
      config.setCodec(new Kryo5Codec());
      RedissonClient own = Redisson.create(config);
      client = own;
      live = own.getLiveObjectService();
      live.registerClass(LivePerson.class);
      for (int from = 0; from < OBJECTS; from += CHUNK) {
        LivePerson[] chunk = new LivePerson[Math.min(OBJECTS, from + CHUNK) - from];
        for (int i = 0; i < chunk.length; i++) {
          Person p = data.people[from + i];
          chunk[i] = new LivePerson(p.id(), p.name(), p.city(), p.score());
        }
        live.persist(chunk);
      }
      ids = own.getAtomicLong(BenchNamingScheme.prefix() + "ids");
      ids.set(OBJECTS);
      eq = new Condition[QUERIES];
      and = new Condition[QUERIES];
      range = new Condition[QUERIES];
      for (int q = 0; q < QUERIES; q++) {
        eq[q] = Conditions.eq("name", data.eqNames[q]);
        and[q] = Conditions.and(Conditions.eq("name", data.andNames[q]), Conditions.eq("city", data.andCities[q]));
        range[q] = Conditions.and(Conditions.ge("score", data.rangeFrom[q]),
            Conditions.le("score", data.rangeFrom[q] + WIDTH));
      }
      data.check("raw Redisson", 32, this);
      LivePerson saved = save(data.template(0, 0));
      LivePerson read = live.get(LivePerson.class, saved.getId());
      Person expected = data.template(0, OBJECTS + 1);
      if (read == null || !expected.equals(person(read))) {
        throw new IllegalStateException("raw Redisson persisted " + expected + " and read back "
            + (read == null ? null : person(read)));
      }
      live.delete(read);
    }

    /** Deletes the live objects' keys and disconnects both clients. */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        deleteKeys();
      } finally {
        try {
          if (client != null) {
            client.shutdown();
          }
        } finally {
          redis.close();
        }
      }
    }

    private void deleteKeys() {
      redis.redisson().getKeys().deleteByPattern(BenchNamingScheme.prefix() + "*");
    }

    int advance() {
      int i = next;
      next = (i + 1) & (QUERIES - 1);
      return i;
    }

    /** Persists a new live object with the properties of {@code p} and the next id of the counter. */
    LivePerson save(Person p) {
      return live.persist(new LivePerson(ids.incrementAndGet(), p.name(), p.city(), p.score()));
    }

    @Override
    public List<Person> eq(int q) {
      return people(live.find(LivePerson.class, eq[q]));
    }

    @Override
    public List<Person> and(int q) {
      return people(live.find(LivePerson.class, and[q]));
    }

    @Override
    public List<Person> range(int q) {
      Collection<LivePerson> found = live.find(LivePerson.class, range[q]);
      // No sort or limit in a live-object query: read each match's score, sort here, then read the top ones.
      LivePerson[] objects = found.toArray(new LivePerson[0]);
      long[][] scoreAndIndex = new long[objects.length][];
      for (int i = 0; i < objects.length; i++) {
        scoreAndIndex[i] = new long[] {objects[i].getScore(), objects[i].getId(), i};
      }
      Arrays.sort(scoreAndIndex, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));
      List<Person> top = new ArrayList<>(TOP);
      for (int i = 0; i < Math.min(TOP, objects.length); i++) {
        LivePerson o = objects[(int) scoreAndIndex[i][2]];
        top.add(new Person(o.getId(), o.getName(), o.getCity(), scoreAndIndex[i][0]));
      }
      return top;
    }

    /** Returns the records of {@code found}, read with the getters: one HGET per property but the id. */
    static List<Person> people(Collection<LivePerson> found) {
      List<Person> out = new ArrayList<>(found.size());
      for (LivePerson o : found) {
        out.add(person(o));
      }
      return out;
    }

    static Person person(LivePerson o) {
      return new Person(o.getId(), o.getName(), o.getCity(), o.getScore());
    }
  }

  /** ds: {@code ObjectStore.save} of a new record (id 0), which the store gives the next id. */
  @Benchmark
  public Person saveDs(DsSide ds) {
    int i = ds.nextSave++;
    return ds.store.save(Dataset.INSTANCE.template(i, 0));
  }

  /** Raw Redisson: {@code RLiveObjectService.persist} of a new live object, its id from an INCR. */
  @Benchmark
  public LivePerson saveRaw(RawSide raw) {
    int i = raw.nextSave++;
    return raw.save(Dataset.INSTANCE.template(i, 0));
  }

  /** ds: {@code find(where("name").eq(x))}, about 10 records. */
  @Benchmark
  public List<Person> findEqDs(DsSide ds) {
    return ds.eq(ds.advance());
  }

  /** Raw Redisson: {@code find(LivePerson.class, Conditions.eq("name", x))}, then the getters of each result. */
  @Benchmark
  public List<Person> findEqRaw(RawSide raw) {
    return raw.eq(raw.advance());
  }

  /** ds: {@code find(where("name").eq(x).and("city").eq(y))}. */
  @Benchmark
  public List<Person> findAndDs(DsSide ds) {
    return ds.and(ds.advance());
  }

  /** Raw Redisson: {@code find(LivePerson.class, Conditions.and(eq, eq))}, then the getters of each result. */
  @Benchmark
  public List<Person> findAndRaw(RawSide raw) {
    return raw.and(raw.advance());
  }

  /** ds: {@code find(where("score").between(a, b).orderBy("score").descending().limit(10))}. */
  @Benchmark
  public List<Person> findRangeDs(DsSide ds) {
    return ds.range(ds.advance());
  }

  /**
   * Raw Redisson: {@code find} with {@code Conditions.and(ge, le)} on the score, one {@code getScore()} per
   * match, a sort in this JVM and the getters of the first ten.
   */
  @Benchmark
  public List<Person> findRangeRaw(RawSide raw) {
    return raw.range(raw.advance());
  }
}
