package io.dstruct.internal.store;

import io.dstruct.AsyncObjectStore;
import io.dstruct.DsConflictException;
import io.dstruct.DsIndexNotReadyException;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsUniqueViolationException;
import io.dstruct.IdGenerator;
import io.dstruct.IdRange;
import io.dstruct.ObjectSchema;
import io.dstruct.ObjectSchema.Compound;
import io.dstruct.ObjectSchema.Kind;
import io.dstruct.ObjectStore;
import io.dstruct.ObjectStoreOptions;
import io.dstruct.Page;
import io.dstruct.Query;
import io.dstruct.internal.Checks;
import io.dstruct.internal.Redis;
import io.dstruct.scripts.DsScript;
import io.dstruct.scripts.ScriptReplyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * An {@link ObjectStore} over the {@code store_*} scripts: the Java side validates and encodes, assigns ids,
 * plans which index drives a query, and decodes replies; every read and write of Redis is one script.
 *
 * <p>Before its first operation, a store registers its index definitions in the meta hash ({@code
 * store_open}); the scripts maintain every index the meta hash holds.
 */
public final class ObjectStoreImpl<T> implements ObjectStore<T> {
  /** The page size of {@link #findPage} for a query without a limit. */
  static final int DEFAULT_PAGE = 100;
  /** How many objects one step of purge, reindex, verify or clear handles. */
  static final int BATCH = 200;
  private static final long MAX_EXACT = 1L << 53;
  private static final String CURSOR_PREFIX = "ds1\n";

  private final Redis redis;
  private final String name;
  private final ObjectSchema<T> schema;
  private final ObjectStoreOptions options;
  private final IdGenerator ids;
  private final ObjectFields<T> mapping;
  private final StoreKeys keys;
  private final String meta;
  private final String idsKey;
  private final String expKey;
  private final String feedKey;
  private final String defs;
  private final boolean numericId;
  private final AtomicReference<@Nullable CompletableFuture<Map<String, String>>> opened = new AtomicReference<>();
  private final Async async = new Async();

  /** Creates the store {@code name}; nothing is sent to Redis. */
  public ObjectStoreImpl(Redis redis, String name, ObjectSchema<T> schema, ObjectStoreOptions options,
      IdGenerator ids) {
    this.keys = StoreKeys.of(name);
    this.redis = redis;
    this.name = name;
    this.schema = schema;
    this.options = options;
    this.ids = ids;
    this.mapping = new ObjectFields<>(schema);
    this.meta = keys.meta();
    this.idsKey = keys.ids();
    this.expKey = keys.expiry();
    this.feedKey = keys.feed();
    this.defs = definitions(schema);
    this.numericId = schema.properties().get(schema.id()) == Kind.NUMBER;
    redis.metrics().gauge("ds.store.size", () -> redis.client().getSet(idsKey, StringCodec.INSTANCE).sizeAsync(),
        "name", name);
  }

  /** Returns the index definitions of {@code schema} as the meta hash keeps them: a JSON array. */
  static String definitions(ObjectSchema<?> schema) {
    List<String> out = new ArrayList<>();
    Set<String> equality = new java.util.LinkedHashSet<>(schema.indexed());
    equality.addAll(schema.unique()); // a unique property is also found by equality
    for (String f : equality) {
      out.add(def("indexed:" + f, "indexed", List.of(f), null));
    }
    for (String f : schema.ordered()) {
      out.add(def("ordered:" + f, "ordered", List.of(f), null));
    }
    for (String f : schema.unique()) {
      out.add(def("unique:" + f, "unique", List.of(f), null));
    }
    for (Compound c : schema.compounds()) {
      out.add(def("compound:" + c.name(), "compound", c.equalFields(), c));
    }
    return "[" + String.join(",", out) + "]";
  }

  private static String def(String name, String kind, List<String> fields, @Nullable Compound c) {
    StringBuilder b = new StringBuilder("{\"name\":").append(json(name)).append(",\"kind\":\"").append(kind)
        .append("\",\"fields\":[");
    for (int i = 0; i < fields.size(); i++) {
      b.append(i > 0 ? "," : "").append(json(fields.get(i)));
    }
    b.append(']');
    if (c != null) {
      b.append(",\"key\":").append(json(compoundKey(c))).append(",\"order\":")
          .append(json(c.orderedField()));
    }
    return b.append('}').toString();
  }

  private static byte[] sha1(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns {@code s} as a JSON string; property names are Java identifiers, so only quotes and backslashes matter. */
  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ObjectSchema<T> schema() {
    return schema;
  }

  @Override
  public String redisKey(Object id) {
    return keys.object(idText(id));
  }

  @Override
  public String toString() {
    return "ObjectStore(" + meta + ")";
  }

  // ---- blocking face

  @Override
  public T insert(T object) {
    return Redis.join(async.insert(object));
  }

  @Override
  public T save(T object) {
    return Redis.join(async.save(object));
  }

  @Override
  public T save(T object, Duration ttl) {
    return Redis.join(async.save(object, ttl));
  }

  @Override
  public List<T> saveAll(Collection<? extends T> objects) {
    return Redis.join(async.saveAll(objects));
  }

  @Override
  public @Nullable T update(Object id, Map<String, ?> changes) {
    return Redis.join(async.update(id, changes));
  }

  @Override
  public T getOrInsert(String uniqueField, T candidate) {
    return Redis.join(async.getOrInsert(uniqueField, candidate));
  }

  @Override
  public @Nullable T get(Object id) {
    return Redis.join(async.get(id));
  }

  @Override
  public List<T> getAll(Collection<?> ids) {
    return Redis.join(async.getAll(ids));
  }

  @Override
  public List<T> find(Query query) {
    return Redis.join(async.find(query));
  }

  @Override
  public Page<T> findPage(Query query) {
    return Redis.join(async.findPage(query));
  }

  @Override
  public Page<T> findPage(Query query, String cursor) {
    return Redis.join(async.findPage(query, cursor));
  }

  @Override
  public long count(Query query) {
    return Redis.join(async.count(query));
  }

  @Override
  public boolean delete(Object id) {
    return Redis.join(async.delete(id));
  }

  @Override
  public long purgeExpired() {
    return Redis.join(async.purgeExpired());
  }

  @Override
  public Map<String, String> indexStates() {
    return Redis.join(async.indexStates());
  }

  @Override
  public long reindex() {
    return Redis.join(async.reindex());
  }

  @Override
  public List<String> verify() {
    return Redis.join(async.verify());
  }

  @Override
  public long clear() {
    return Redis.join(async.clear());
  }

  @Override
  public AsyncObjectStore<T> async() {
    return async;
  }

  // ---- plumbing

  /** Runs {@code op}, translating its errors for the key {@code key}. */
  private <R> CompletableFuture<@Nullable R> run(DsScript op, RScript.ReturnType reply, String key, List<Object> keys,
      Object... args) {
    return redis.scripts().<R>run(op, reply, keys, args).toCompletableFuture()
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(e, key)));
  }

  private Throwable translate(Throwable e, String key) {
    Throwable t = Redis.unwrap(e);
    if (t instanceof ScriptReplyException s && s.code().equals("NOTREADY")) {
      return new DsIndexNotReadyException(name, s.detail());
    }
    return Redis.translate(e, key);
  }

  /** Registers this store's indexes in Redis once, before its first operation; retried after a failure. */
  private CompletableFuture<Map<String, String>> open() {
    CompletableFuture<Map<String, String>> f = opened.get();
    if (f != null && !f.isCompletedExceptionally()) {
      return f;
    }
    CompletableFuture<Map<String, String>> mine = new CompletableFuture<>();
    if (!opened.compareAndSet(f, mine)) {
      return open();
    }
    this.<List<Object>>run(DsScript.STORE_OPEN, RScript.ReturnType.LIST, meta, List.of(meta, idsKey), defs)
        .thenApply(ObjectStoreImpl::pairs)
        .whenComplete((states, e) -> {
          if (e != null) {
            mine.completeExceptionally(e);
          } else {
            mine.complete(states);
          }
        });
    return mine;
  }

  private <R> CompletableFuture<R> opened(Function<Map<String, String>, CompletionStage<R>> then) {
    return open().thenCompose(then);
  }

  private long now() {
    return options.clock().millis();
  }

  private static String operationId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  /** Returns a flat reply of names and values as a map. */
  private static Map<String, String> pairs(@Nullable List<?> flat) {
    Map<String, String> m = new LinkedHashMap<>();
    if (flat != null) {
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        m.put(text(flat.get(i)), text(flat.get(i + 1)));
      }
    }
    return m;
  }

  /** Returns the stored text of an id given by a caller. */
  private String idText(Object id) {
    Objects.requireNonNull(id, "id");
    String s;
    if (numericId) {
      if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
        s = id.toString();
      } else if (id instanceof String str && str.matches("-?[0-9]{1,19}")) {
        s = Long.toString(Long.parseLong(str));
      } else {
        throw new DsInvalidArgumentException("the ids of store '" + name + "' are numbers, not " + id);
      }
    } else if (id instanceof CharSequence cs) {
      s = cs.toString();
    } else {
      throw new DsInvalidArgumentException("the ids of store '" + name + "' are strings, not " + id);
    }
    checkIdText(s);
    return s;
  }

  private void checkIdText(String s) {
    if (s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > ObjectSchema.MAX_INDEXED_BYTES) {
      throw new DsInvalidArgumentException("an id must have 1 to " + ObjectSchema.MAX_INDEXED_BYTES
          + " bytes: '" + s + "'");
    }
  }

  /** Whether the id text of an encoded object means "assign one". */
  private boolean unassigned(@Nullable String id) {
    return id == null || numericId && id.equals("0");
  }

  /**
   * Checks every value the indexes will read, before anything is sent: ordered values finite (and integral
   * ones within ±2^53), unique values present, indexed values within {@link ObjectSchema#MAX_INDEXED_BYTES}.
   */
  private void checkValues(Map<String, @Nullable String> f) {
    for (String p : schema.ordered()) {
      checkOrdered(p, f.get(p));
    }
    for (Compound c : schema.compounds()) {
      checkOrdered(c.orderedField(), f.get(c.orderedField()));
      for (String p : c.equalFields()) {
        checkIndexed(p, f.get(p));
      }
    }
    for (String p : schema.unique()) {
      if (f.get(p) == null) {
        throw new DsInvalidArgumentException("the unique property '" + p + "' of " + schema.type().getName()
            + " must not be null");
      }
    }
    for (String p : schema.indexed()) {
      checkIndexed(p, f.get(p));
    }
    for (String p : schema.unique()) {
      checkIndexed(p, f.get(p));
    }
  }

  private void checkIndexed(String property, @Nullable String v) {
    if (v != null && v.getBytes(StandardCharsets.UTF_8).length > ObjectSchema.MAX_INDEXED_BYTES) {
      throw new DsInvalidArgumentException("the indexed property '" + property + "' holds "
          + v.getBytes(StandardCharsets.UTF_8).length + " bytes; at most " + ObjectSchema.MAX_INDEXED_BYTES
          + " can be indexed");
    }
  }

  private void checkOrdered(String property, @Nullable String v) {
    if (v == null) {
      return;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new DsInvalidArgumentException("the ordered property '" + property + "' holds " + v
          + ", which is not a finite number");
    }
    if (!Double.isFinite(d)) {
      throw new DsInvalidArgumentException("the ordered property '" + property + "' holds " + v
          + "; NaN and infinities cannot be ordered");
    }
    boolean integral = v.indexOf('.') < 0 && v.indexOf('e') < 0 && v.indexOf('E') < 0;
    if (integral && (v.length() > 17 || Math.abs(Long.parseLong(v)) > MAX_EXACT)) {
      throw new DsInvalidArgumentException("the ordered property '" + property + "' holds " + v
          + ", beyond ±2^53, where scores are no longer exact");
    }
  }

  /** The objects of one write, encoded and checked, ids not yet assigned. */
  private final class Batch {
    final List<LinkedHashMap<String, @Nullable String>> fields = new ArrayList<>();
    int missing;

    Batch(Collection<? extends T> objects) {
      for (T o : objects) {
        LinkedHashMap<String, @Nullable String> f = mapping.encode(Objects.requireNonNull(o, "object"));
        checkValues(f);
        String id = f.get(schema.id());
        if (unassigned(id)) {
          missing++;
        } else {
          checkIdText(Objects.requireNonNull(id));
        }
        fields.add(f);
      }
    }

    /** Assigns ids from the store's generator, then checks that no two objects share one. */
    CompletableFuture<Batch> withIds() {
      if (missing == 0) {
        return unique();
      }
      CompletionStage<IdRange> range = ids.async().nextIds(missing);
      return range.toCompletableFuture().thenCompose(r -> {
        long next = r.first();
        for (LinkedHashMap<String, @Nullable String> f : fields) {
          if (unassigned(f.get(schema.id()))) {
            f.put(schema.id(), Long.toString(next++));
          }
        }
        return unique();
      });
    }

    private CompletableFuture<Batch> unique() {
      Set<String> seen = new HashSet<>();
      for (Map<String, @Nullable String> f : fields) {
        if (!seen.add(Objects.requireNonNull(f.get(schema.id())))) {
          return CompletableFuture.failedFuture(new DsInvalidArgumentException(
              "two objects of one saveAll have the id " + f.get(schema.id())));
        }
      }
      return CompletableFuture.completedFuture(this);
    }

    String id(int i) {
      return Objects.requireNonNull(fields.get(i).get(schema.id()));
    }
  }

  /** Adds an object's non-null fields to {@code args}: their count, then name and value pairs. */
  private static void addFields(List<Object> args, Map<String, @Nullable String> f) {
    int at = args.size();
    args.add("");
    int n = 0;
    for (Map.Entry<String, @Nullable String> e : f.entrySet()) {
      if (e.getValue() != null) {
        args.add(e.getKey());
        args.add(e.getValue());
        n++;
      }
    }
    args.set(at, Integer.toString(n));
  }

  /** Returns the object that the fields {@code f} (as sent) hold once stored at {@code version}. */
  private T stored(String id, Map<String, @Nullable String> f, long version) {
    Map<String, String> m = new LinkedHashMap<>();
    f.forEach((k, v) -> {
      if (v != null) {
        m.put(k, v);
      }
    });
    if (schema.version() != null) {
      m.put(schema.version(), Long.toString(version));
    }
    return mapping.decode(keys.object(id), m);
  }

  /** Turns a script's DS_CONFLICT or DS_UNIQUE reply about the n-th object of {@code b} into its exception. */
  private Throwable writeError(Throwable e, Batch b) {
    Throwable t = Redis.unwrap(e);
    if (t instanceof ScriptReplyException s && (s.code().equals("CONFLICT") || s.code().equals("UNIQUE"))) {
      String[] parts = s.detail().split(" ", 3);
      int n = Integer.parseInt(parts[0]);
      String id = n >= 1 ? b.id(n - 1) : "?";
      String key = keys.object(id);
      if (s.code().equals("CONFLICT")) {
        long stored = Long.parseLong(parts[1]);
        return new DsConflictException(key, stored, parts[2].equals("exists")
            ? "insert of " + key + ": an object with that id exists; nothing was written"
            : "save of " + key + ": it is at version " + stored + ", not the version the object carries; nothing"
                + " was written");
      }
      String value = n >= 1 ? String.valueOf(b.fields.get(n - 1).get(parts[1])) : "?";
      return new DsUniqueViolationException(parts[1], value, parts[2]);
    }
    return translate(e, keys.object(b.fields.isEmpty() ? "" : String.valueOf(b.fields.get(0).get(schema.id()))));
  }

  private CompletableFuture<List<T>> write(String mode, Collection<? extends T> objects, long ttlMs) {
    Batch b;
    try {
      b = new Batch(objects);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (b.fields.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return open().thenCompose(x -> b.withIds()).thenCompose(batch -> {
      List<Object> scriptKeys = new ArrayList<>(List.of(meta, idsKey, expKey, feedKey));
      List<Object> args = new ArrayList<>(List.of(mode, operationId(), Long.toString(now()),
          Integer.toString(options.sweep()), Long.toString(options.changeFeedLength()), versionArg(),
          Integer.toString(batch.fields.size())));
      for (int i = 0; i < batch.fields.size(); i++) {
        Map<String, @Nullable String> f = batch.fields.get(i);
        scriptKeys.add(keys.object(batch.id(i)));
        args.add(batch.id(i));
        args.add(expected(mode, f));
        args.add(Long.toString(ttlMs));
        addFields(args, f);
      }
      return redis.scripts().<List<Object>>runTellingResends(DsScript.STORE_SAVE, RScript.ReturnType.LIST, scriptKeys,
              withResend(args))
          .toCompletableFuture()
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(writeError(e, batch)))
          .thenApply(versions -> {
            List<T> out = new ArrayList<>(batch.fields.size());
            for (int i = 0; i < batch.fields.size(); i++) {
              out.add(stored(batch.id(i), batch.fields.get(i), ((Number) Objects.requireNonNull(versions).get(i)).longValue()));
            }
            return out;
          });
    });
  }

  /**
   * Returns the arguments of each attempt of a write: {@code args}, then the resend flag the write scripts
   * take last, {@code 1} once an earlier attempt may have run. On such a resend a script that no longer finds
   * the write's operation id writes nothing and replies DS_INDOUBT: the first attempt may have been applied
   * and then overwritten, and applying it again would undo the later write.
   */
  private static Function<Boolean, Object[]> withResend(List<Object> args) {
    return resend -> {
      Object[] a = args.toArray(new Object[args.size() + 1]);
      a[args.size()] = resend ? "1" : "0";
      return a;
    };
  }

  private String versionArg() {
    return schema.version() == null ? "" : schema.version();
  }

  /** Returns the version a save expects: the object's own, with a version property; else none. */
  private String expected(String mode, Map<String, @Nullable String> f) {
    if (schema.version() == null || mode.equals("insert")) {
      return "";
    }
    String v = f.get(schema.version());
    return v == null ? "0" : v;
  }

  private long ttlMs(@Nullable Duration ttl) {
    return ttl == null ? 0 : Checks.positive(ttl, "ttl").toMillis();
  }

  // ---- queries

  /** A query as the store_find script takes it, after its indexes were checked and a driver chosen. */
  private final class Plan {
    final List<Object> args = new ArrayList<>();

    Plan(Query q, String mode, @Nullable String cursor, boolean paged) {
      @Nullable String order = q.orderField();
      List<String> required = new ArrayList<>();
      Compound driver = compound(q);
      for (String f : q.ranges().keySet()) {
        requireOrdered(f, "a range");
        required.add("ordered:" + f);
      }
      if (order != null && (driver == null || !order.equals(driver.orderedField()))) {
        requireOrdered(order, "orderBy");
        required.add("ordered:" + order);
      }
      String driverKey = "";
      List<Query.Equality> eqs = new ArrayList<>(q.equalities());
      if (driver != null) {
        StringBuilder k = new StringBuilder("cmp:").append(compoundKey(driver)).append(':');
        for (int i = 0; i < driver.equalFields().size(); i++) {
          String f = driver.equalFields().get(i);
          // the single-valued equality that compound() found; an in(...) on the same field stays a filter
          Query.Equality e = eqs.stream().filter(x -> x.field().equals(f) && x.values().size() == 1).findFirst()
              .orElseThrow();
          eqs.remove(e);
          k.append(i > 0 ? ":" : "").append(e.values().get(0).replace("%", "%25").replace(":", "%3A"));
        }
        driverKey = k.toString();
        required.add("compound:" + driver.name());
      }
      for (Query.Equality e : eqs) { // the equalities the compound index does not answer
        requireIndexed(e.field());
        required.add("indexed:" + e.field());
      }
      String cscore = "";
      String cid = "";
      if (cursor != null) {
        String[] c = decodeCursor(cursor);
        cscore = c[0];
        cid = c[1];
      }
      int limit = q.limitValue() == Integer.MAX_VALUE ? (paged ? DEFAULT_PAGE : -1) : q.limitValue();
      args.addAll(List.of(Long.toString(now()), mode, order == null ? "" : order, driverKey,
          q.isDescending() ? "1" : "0", Integer.toString(cursor == null ? q.offsetValue() : 0),
          Integer.toString(limit), cscore, cid, Integer.toString(required.size())));
      args.addAll(required);
      args.add(Integer.toString(eqs.size()));
      for (Query.Equality e : eqs) {
        args.add(e.field());
        args.add(Integer.toString(e.values().size()));
        args.addAll(e.values());
      }
      args.add(Integer.toString(q.ranges().size()));
      q.ranges().forEach((f, r) -> {
        args.add(f);
        args.add(r.minArg());
        args.add(r.maxArg());
      });
    }

    /**
     * Returns the compound index that covers the most equalities of {@code q}, each with one value, and agrees
     * with its order and ranges; or null.
     */
    private @Nullable Compound compound(Query q) {
      Compound best = null;
      for (Compound c : schema.compounds()) {
        boolean fits = (q.orderField() == null || q.orderField().equals(c.orderedField()))
            && q.ranges().keySet().stream().allMatch(f -> f.equals(c.orderedField()));
        for (String f : c.equalFields()) {
          fits &= q.equalities().stream().anyMatch(e -> e.field().equals(f) && e.values().size() == 1);
        }
        if (fits && (best == null || c.equalFields().size() > best.equalFields().size())) {
          best = c;
        }
      }
      return best;
    }
  }

  /** Returns the part of a compound index's keys that names it: its name and a digest of its fields. */
  private static String compoundKey(Compound c) {
    String shape = String.join(",", c.equalFields()) + ">" + c.orderedField();
    return c.name() + "~" + HexFormat.of().formatHex(sha1(shape)).substring(0, 8);
  }

  private void requireIndexed(String f) {
    if (!schema.indexed().contains(f) && !schema.unique().contains(f)) {
      throw new DsInvalidArgumentException("cannot query '" + f + "' of store '" + name + "' by equality: it has no"
          + " index; mark it @Indexed (or @Unique), ds never scans");
    }
  }

  private void requireOrdered(String f, String use) {
    if (!schema.ordered().contains(f)) {
      throw new DsInvalidArgumentException("cannot use '" + f + "' of store '" + name + "' in " + use
          + ": it is not @Ordered, ds never scans");
    }
  }

  private String encodeCursor(String score, String id) {
    String raw = CURSOR_PREFIX + name + "\n" + score + "\n" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private String[] decodeCursor(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String head = CURSOR_PREFIX + name + "\n";
      if (raw.startsWith(head)) {
        String[] parts = raw.substring(head.length()).split("\n", 2);
        if (parts.length == 2 && !parts[1].isEmpty()) {
          return parts;
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64: refused below
    }
    throw new DsInvalidArgumentException("not a cursor of store '" + name + "': " + cursor);
  }

  private CompletableFuture<Page<T>> page(Query query, @Nullable String cursor, boolean paged) {
    Plan plan;
    try {
      plan = new Plan(Objects.requireNonNull(query, "query"), "find", cursor, paged);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return opened(x -> this.<List<Object>>run(DsScript.STORE_FIND, RScript.ReturnType.LIST, meta,
        List.of(meta, idsKey, expKey), plan.args.toArray()))
        .thenApply(reply -> {
          List<Object> r = Objects.requireNonNull(reply);
          List<T> items = new ArrayList<>((r.size() - 2) / 2);
          for (int i = 2; i + 1 < r.size(); i += 2) {
            String id = text(r.get(i));
            items.add(mapping.decode(keys.object(id), pairs((List<?>) r.get(i + 1))));
          }
          String nextId = text(r.get(1));
          return new Page<>(items, nextId.isEmpty() ? null : encodeCursor(text(r.get(0)), nextId));
        });
  }

  // ---- the asynchronous face, which does the work

  private final class Async implements AsyncObjectStore<T> {
    @Override
    public CompletionStage<T> insert(T object) {
      return write("insert", List.of(object), ttlMs(options.defaultTtl())).thenApply(l -> l.get(0));
    }

    @Override
    public CompletionStage<T> save(T object) {
      return write("save", List.of(object), ttlMs(options.defaultTtl())).thenApply(l -> l.get(0));
    }

    @Override
    public CompletionStage<T> save(T object, Duration ttl) {
      long ms;
      try {
        ms = ttlMs(Objects.requireNonNull(ttl, "ttl"));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return write("save", List.of(object), ms).thenApply(l -> l.get(0));
    }

    @Override
    public CompletionStage<List<T>> saveAll(Collection<? extends T> objects) {
      return write("save", List.copyOf(objects), ttlMs(options.defaultTtl()));
    }

    @Override
    public CompletionStage<@Nullable T> update(Object id, Map<String, ?> changes) {
      String idText;
      List<Object> args = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      try {
        idText = idText(id);
        Map<String, @Nullable String> set = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : changes.entrySet()) {
          String p = e.getKey();
          if (p.equals(schema.id()) || p.equals(schema.version())) {
            throw new DsInvalidArgumentException("update() cannot change the " + (p.equals(schema.id()) ? "id" : "version")
                + " property '" + p + "'; save the object instead");
          }
          String v = mapping.updateText(p, e.getValue());
          if (v == null && schema.unique().contains(p)) {
            throw new DsInvalidArgumentException("the unique property '" + p + "' must not be null");
          }
          set.put(p, v);
        }
        checkChanged(set);
        args.addAll(List.of(operationId(), Long.toString(now()), Integer.toString(options.sweep()),
            Long.toString(options.changeFeedLength()), versionArg(), idText));
        set.forEach((k, v) -> {
          if (v == null) {
            removed.add(k);
          }
        });
        addFields(args, set);
        args.add(Integer.toString(removed.size()));
        args.addAll(removed);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      String key = keys.object(idText);
      return opened(x -> redis.scripts().<List<Object>>runTellingResends(DsScript.STORE_UPDATE,
              RScript.ReturnType.LIST, List.of(meta, expKey, feedKey, key), withResend(args)).toCompletableFuture()
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(updateError(e, idText, changes))))
          .thenApply(reply -> reply == null ? null : mapping.decode(key, pairs(reply)));
    }

    @Override
    public CompletionStage<T> getOrInsert(String uniqueField, T candidate) {
      if (!schema.unique().contains(Objects.requireNonNull(uniqueField, "uniqueField"))) {
        return CompletableFuture.failedFuture(new DsInvalidArgumentException(
            "getOrInsert needs a @Unique property of store '" + name + "', and '" + uniqueField + "' is not one"));
      }
      Batch b;
      try {
        b = new Batch(List.of(candidate));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return open().thenCompose(x -> b.withIds()).thenCompose(batch -> {
        String id = batch.id(0);
        String key = keys.object(id);
        List<Object> args = new ArrayList<>(List.of(uniqueField, operationId(), Long.toString(now()),
            Integer.toString(options.sweep()), Long.toString(options.changeFeedLength()), versionArg(), id,
            Long.toString(ttlMs(options.defaultTtl()))));
        addFields(args, batch.fields.get(0));
        return redis.scripts().<List<Object>>runTellingResends(DsScript.STORE_GET_OR_INSERT,
                RScript.ReturnType.LIST, List.of(meta, idsKey, expKey, feedKey, key), withResend(args))
            .toCompletableFuture()
            .exceptionallyCompose(e -> CompletableFuture.failedFuture(writeError(e, batch)))
            .thenApply(reply -> {
              List<Object> r = Objects.requireNonNull(reply);
              if (text(r.get(0)).equals("found")) {
                String holder = text(r.get(1));
                return mapping.decode(keys.object(holder), pairs(r.subList(2, r.size())));
              }
              return stored(id, batch.fields.get(0), ((Number) r.get(1)).longValue());
            });
      });
    }

    @Override
    public CompletionStage<@Nullable T> get(Object id) {
      return getAll(List.of(id)).thenApply(l -> l.isEmpty() ? null : l.get(0));
    }

    @Override
    public CompletionStage<List<T>> getAll(Collection<?> idList) {
      List<Object> scriptKeys = new ArrayList<>(List.of(expKey));
      List<Object> args = new ArrayList<>(List.of(Long.toString(now())));
      try {
        for (Object id : idList) {
          String s = idText(id);
          scriptKeys.add(keys.object(s));
          args.add(s);
        }
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      if (scriptKeys.size() == 1) {
        return CompletableFuture.completedFuture(List.of());
      }
      return ObjectStoreImpl.this.<List<Object>>run(DsScript.STORE_GET, RScript.ReturnType.LIST, meta, scriptKeys,
          args.toArray()).thenApply(reply -> {
            List<T> out = new ArrayList<>();
            List<Object> r = Objects.requireNonNull(reply);
            for (int i = 0; i < r.size(); i++) {
              List<?> flat = (List<?>) r.get(i);
              if (!flat.isEmpty()) {
                out.add(mapping.decode((String) scriptKeys.get(i + 1), pairs(flat)));
              }
            }
            return out;
          });
    }

    @Override
    public CompletionStage<List<T>> find(Query query) {
      return page(query, null, false).thenApply(Page::items);
    }

    @Override
    public CompletionStage<Page<T>> findPage(Query query) {
      return page(query, null, true);
    }

    @Override
    public CompletionStage<Page<T>> findPage(Query query, String cursor) {
      return page(query, Objects.requireNonNull(cursor, "cursor"), true);
    }

    @Override
    public CompletionStage<Long> count(Query query) {
      Plan plan;
      try {
        plan = new Plan(Objects.requireNonNull(query, "query"), "count", null, false);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return opened(x -> ObjectStoreImpl.this.<List<Object>>run(DsScript.STORE_FIND, RScript.ReturnType.LIST, meta,
          List.of(meta, idsKey, expKey), plan.args.toArray()))
          .thenApply(r -> ((Number) Objects.requireNonNull(r).get(0)).longValue());
    }

    @Override
    public CompletionStage<Boolean> delete(Object id) {
      String idText;
      try {
        idText = idText(id);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      String key = keys.object(idText);
      return opened(x -> ObjectStoreImpl.this.<Long>run(DsScript.STORE_DELETE, RScript.ReturnType.LONG, key,
          List.of(meta, key), Long.toString(now()), Integer.toString(options.sweep()),
          Long.toString(options.changeFeedLength()), idText))
          .thenApply(n -> n != null && n == 1L);
    }

    @Override
    public CompletionStage<Long> purgeExpired() {
      return opened(x -> steps(0L, total -> ObjectStoreImpl.this.<Long>run(DsScript.STORE_PURGE,
          RScript.ReturnType.LONG, meta, List.of(meta, expKey), Long.toString(now()), Integer.toString(BATCH),
          Long.toString(options.changeFeedLength()))
          .thenApply(n -> {
            long got = n == null ? 0 : n;
            return new Step<>(total + got, got < BATCH);
          })));
    }

    @Override
    public CompletionStage<Map<String, String>> indexStates() {
      opened.set(null);
      return open();
    }

    @Override
    public CompletionStage<Long> reindex() {
      return opened(x -> steps(0L, total -> redis.scripts().<List<Object>>run(DsScript.STORE_REINDEX,
          RScript.ReturnType.LIST, List.of(meta, idsKey), Integer.toString(BATCH)).toCompletableFuture()
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(reindexError(e)))
          .thenApply(r -> {
            List<Object> l = Objects.requireNonNull(r);
            return new Step<>(total + ((Number) l.get(1)).longValue(), ((Number) l.get(0)).longValue() == 1);
          })));
    }

    @Override
    public CompletionStage<List<String>> verify() {
      AtomicReference<String> cursor = new AtomicReference<>("");
      List<String> drifts = new ArrayList<>();
      return opened(x -> steps(drifts, found -> ObjectStoreImpl.this.<List<Object>>run(DsScript.STORE_VERIFY,
          RScript.ReturnType.LIST, meta, List.of(meta, idsKey), cursor.get(), Integer.toString(BATCH))
          .thenApply(r -> {
            List<Object> l = Objects.requireNonNull(r);
            for (int i = 1; i < l.size(); i++) {
              found.add(text(l.get(i)));
            }
            cursor.set(text(l.get(0)));
            return new Step<>(found, cursor.get().isEmpty());
          })));
    }

    @Override
    public CompletionStage<Long> clear() {
      return steps(0L, total -> ObjectStoreImpl.this.<List<Object>>run(DsScript.STORE_CLEAR, RScript.ReturnType.LIST,
          meta, List.of(meta, idsKey, expKey, feedKey), Integer.toString(BATCH))
          .thenApply(r -> {
            List<Object> l = Objects.requireNonNull(r);
            return new Step<>(total + ((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue() == 1);
          })).whenComplete((n, e) -> opened.set(null));
    }
  }

  /** Checks the values of a partial update as a save checks them. */
  private void checkChanged(Map<String, @Nullable String> set) {
    for (Map.Entry<String, @Nullable String> e : set.entrySet()) {
      String p = e.getKey();
      if (schema.ordered().contains(p) || schema.compounds().stream().anyMatch(c -> c.orderedField().equals(p))) {
        checkOrdered(p, e.getValue());
      }
      if (schema.indexed().contains(p) || schema.unique().contains(p)
          || schema.compounds().stream().anyMatch(c -> c.equalFields().contains(p))) {
        checkIndexed(p, e.getValue());
      }
    }
  }

  private Throwable updateError(Throwable e, String id, Map<String, ?> changes) {
    Throwable t = Redis.unwrap(e);
    if (t instanceof ScriptReplyException s && s.code().equals("UNIQUE")) {
      String[] parts = s.detail().split(" ", 3);
      return new DsUniqueViolationException(parts[1], String.valueOf(changes.get(parts[1])), parts[2]);
    }
    return translate(e, keys.object(id));
  }

  private Throwable reindexError(Throwable e) {
    Throwable t = Redis.unwrap(e);
    if (t instanceof ScriptReplyException s && s.code().equals("UNIQUE")) {
      String[] parts = s.detail().split(" ", 3);
      return new DsUniqueViolationException(parts[1], "(a value two stored objects share)", parts[2]);
    }
    return translate(e, meta);
  }

  /** One step of a loop of scripts: the result so far, and whether the loop is done. */
  private record Step<R>(R result, boolean done) {}

  /** Runs {@code step} from {@code start} until a step says it is done, each step after the previous one. */
  private static <R> CompletableFuture<R> steps(R start, Function<R, CompletionStage<Step<R>>> step) {
    return step.apply(start).toCompletableFuture()
        .thenCompose(s -> s.done() ? CompletableFuture.completedFuture(s.result()) : steps(s.result(), step));
  }
}
