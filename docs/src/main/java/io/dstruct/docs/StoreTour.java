package io.dstruct.docs;

import static io.dstruct.docs.Tour.chapter;
import static io.dstruct.docs.Tour.did;
import static io.dstruct.docs.Tour.step;

import io.dstruct.Ds;
import io.dstruct.DsConflictException;
import io.dstruct.DsIndexNotReadyException;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsUniqueViolationException;
import io.dstruct.ObjectSchema;
import io.dstruct.ObjectStore;
import io.dstruct.ObjectStoreOptions;
import io.dstruct.Page;
import io.dstruct.Query;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The tour's chapters on ObjectStore: Kickass-Redis's object_store example, then unique values, versions,
 * the compound index, pages, expiry, a schema change and the change feed.
 *
 * <p>{@link Tour#main} runs them; each store's keys (its id counter included) are deleted first, so a rerun
 * against the same Redis assigns the same ids.
 */
final class StoreTour {
  private StoreTour() {}

  private static final List<String> STORES = List.of("tour-users", "tour-tickets", "tour-people", "tour-audited");

  static void objectStore(Ds ds) {
    STORES.forEach(name -> reset(ds, name));
    ObjectStore<User> users = kickass(ds);
    writes(users);
    tickets(ds);
    expiry(ds, users);
    schemaChange(ds);
    changeFeed(ds);
    STORES.forEach(name -> reset(ds, name));
  }

  private static ObjectStore<User> kickass(Ds ds) {
    chapter("ObjectStore: objects with indexes (Kickass-Redis object_store)");
    Tour.python("Kickass-Redis",
        "from patterns.object_store.objects import IndexedObject, KeySpec",
        "from patterns.object_store.indexing import UnorderedKey, OrderedNumericalKey",
        "class User(IndexedObject):",
        "    #which fields should be saved to redis",
        "    _spec = ('id', 'name', 'email', 'pwhash', 'registrationDate', 'score')",
        "    #The keys for this object",
        "    _keySpec = KeySpec(",
        "        UnorderedKey(prefix='users',fields=('name',)),",
        "        OrderedNumericalKey(prefix='users', field='score')",
        "    )",
        "    def __init__(self, **kwargs):",
        "        IndexedObject.__init__(self, **kwargs)",
        "        self.registrationDate = int(kwargs.get('registrationDate', time.time()))",
        "#Creating a user",
        "user = User(email = 'user@domain.com', name = 'John Doe', pwhash = 'eabc626ec26bc6ae6cb2', score = 100)",
        "user.save()",
        "#loading by name key",
        "users =  User.get(Condition({'name': 'John Doe'}))",
        "#loading by id:",
        "users = User.loadObjects((1,))");
    // tag::store-kickass[]
    ObjectStore<User> users = ds.objectStore("tour-users", User.class);   // the schema from User's annotations
    User john = users.save(new User("John Doe", "user@domain.com", "eabc626ec26bc6ae6cb2", 100));   // id 1
    List<User> byName = users.find(Query.where("name").eq("John Doe"));   // [john], by the index on name
    User byId = users.get(1L);                                            // john
    List<User> loaded = users.getAll(List.of(1L));                        // [john]: many ids, one round trip
    // end::store-kickass[]
    did("ObjectStore<User> users = ds.objectStore(\"tour-users\", User.class)");
    step("users.save(new User(\"John Doe\", \"user@domain.com\", \"eabc626ec26bc6ae6cb2\", 100))", john);
    step("users.find(Query.where(\"name\").eq(\"John Doe\"))", byName);
    step("users.get(1L)", byId);
    step("users.getAll(List.of(1L))", loaded);
    step("redis> HGETALL " + users.redisKey(1L) + "   (sorted)",
        new TreeMap<>(ds.redisson().<String, String>getMap(users.redisKey(1L), StringCodec.INSTANCE).readAllMap()));
    step("redis> KEYS {tour-users}:*", keys(ds, "tour-users"));
    // tag::store-range[]
    users.save(new User("Jane Roe", "jane@domain.com", "5f4dcc3b5aa765d61d83", 140));      // id 2
    users.save(new User("Richard Roe", "richard@domain.com", "0d107d09f5bbe40cade3", 30)); // id 3
    List<User> top = users.find(Query.where("score").between(50, 150).orderBy("score").descending().limit(10));
    // end::store-range[]
    did("users.save(new User(\"Jane Roe\", ..., 140)); users.save(new User(\"Richard Roe\", ..., 30))");
    step("users.find(Query.where(\"score\").between(50, 150).orderBy(\"score\").descending().limit(10))"
        + " names and scores", top.stream().map(u -> u.name() + " " + u.score()).toList());
    return users;
  }

  private static void writes(ObjectStore<User> users) {
    chapter("ObjectStore: unique values, getOrInsert, update, delete");
    // tag::store-unique[]
    @Nullable DsUniqueViolationException taken = null;
    try {
      users.save(new User("Johnny", "user@domain.com", "9b74c9897bac770ffc02", 5));   // John Doe's email
    } catch (DsUniqueViolationException e) {
      taken = e;                                  // field() email, holderId() 1; nothing was written
    }
    User found = users.getOrInsert("email", new User("John D.", "user@domain.com", "x", 0));  // John Doe
    User ada = users.getOrInsert("email", new User("Ada", "ada@domain.com", "y", 120));       // inserted
    // end::store-unique[]
    step("users.save(new User(\"Johnny\", \"user@domain.com\", ...))", taken == null ? "no exception"
        : "throws " + taken.getClass().getSimpleName() + ": " + taken.getMessage());
    step("users.getOrInsert(\"email\", new User(\"John D.\", \"user@domain.com\", \"x\", 0)).name()", found.name());
    step("users.getOrInsert(\"email\", new User(\"Ada\", \"ada@domain.com\", \"y\", 120)).id()   "
        + "(ids 4 and 5 went to Johnny and John D., who were not stored: ids have gaps)", ada.id());
    // tag::store-update[]
    User raised = users.update(1L, Map.of("score", 120L));   // sets score alone, and moves its index entry
    boolean deleted = users.delete(3L);                       // true: Richard Roe and his index entries
    long johns = users.count(Query.where("name").eq("John Doe"));   // 1
    // end::store-update[]
    step("users.update(1L, Map.of(\"score\", 120L)).score()", raised == null ? null : raised.score());
    step("users.delete(3L)", deleted);
    step("users.delete(3L)", users.delete(3L));
    step("users.count(Query.where(\"name\").eq(\"John Doe\"))", johns);
    try {
      users.find(Query.where("pwhash").eq("eabc626ec26bc6ae6cb2"));
    } catch (DsInvalidArgumentException e) {
      step("users.find(Query.where(\"pwhash\").eq(\"eabc626ec26bc6ae6cb2\"))",
          "throws " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void tickets(Ds ds) {
    chapter("ObjectStore: a schema in code, versions, a compound index, pages");
    // tag::store-builder[]
    ObjectSchema<Ticket> schema = ObjectSchema.builder(Ticket.class)   // Ticket has no ds annotations
        .id("id").version("version")
        .indexed("tenant", "status").ordered("createdAt")
        .compound("by_tenant_status", List.of("tenant", "status"), "createdAt")
        .build();
    ObjectStore<Ticket> tickets = ds.objectStore("tour-tickets", schema);
    // end::store-builder[]
    did("ObjectStore<Ticket> tickets = ds.objectStore(\"tour-tickets\", schema)");
    step("schema", schema);
    // tag::store-version[]
    Ticket t1 = tickets.save(new Ticket(0, "acme", "open", 1_000, 0, null));   // version 1
    Ticket t2 = tickets.save(t1.withNote("called back"));                      // version 2: t1 held the stored one
    long stored = -1;
    try {
      tickets.save(t1.withNote("a stale edit"));                               // t1 still holds version 1
    } catch (DsConflictException e) {
      stored = e.storedVersion();                                              // 2; nothing was written
    }
    // end::store-version[]
    step("tickets.save(new Ticket(0, \"acme\", \"open\", 1_000, 0, null)).version()", t1.version());
    step("tickets.save(t1.withNote(\"called back\")).version()", t2.version());
    step("tickets.save(t1.withNote(\"a stale edit\"))   // throws DsConflictException, storedVersion()", stored);
    step("tickets.get(t1.id()).note()", note(tickets.get(t1.id())));
    // tag::store-compound[]
    List<Ticket> batch = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      batch.add(new Ticket(0, i % 3 == 0 ? "acme" : "globex", i % 2 == 0 ? "open" : "done", 1_000 + i, 0, null));
    }
    tickets.saveAll(batch);                                         // one script: all 60 or none
    List<Ticket> latest = tickets.find(Query.where("tenant").eq("acme").and("status").eq("open")
        .orderBy("createdAt").descending().limit(3));               // read from the compound index's sorted set
    // end::store-compound[]
    did("tickets.saveAll(batch)   // 60 tickets: acme when i % 3 == 0, open when i % 2 == 0, createdAt 1000 + i");
    step("tickets.find(Query.where(\"tenant\").eq(\"acme\").and(\"status\").eq(\"open\").orderBy(\"createdAt\")"
        + ".descending().limit(3)) createdAt", latest.stream().map(Ticket::createdAt).toList());
    step("tickets.count(Query.where(\"tenant\").eq(\"acme\").and(\"status\").eq(\"open\"))",
        tickets.count(Query.where("tenant").eq("acme").and("status").eq("open")));
    // tag::store-pages[]
    Query acme = Query.where("tenant").eq("acme").orderBy("createdAt").limit(5);   // pages of 5
    List<Integer> sizes = new ArrayList<>();
    Page<Ticket> page = tickets.findPage(acme);
    sizes.add(page.items().size());
    for (String cursor = page.cursor(); cursor != null; cursor = page.cursor()) {
      page = tickets.findPage(acme, cursor);           // starts right after the last ticket returned
      sizes.add(page.items().size());
    }
    // end::store-pages[]
    step("page sizes of Query.where(\"tenant\").eq(\"acme\").orderBy(\"createdAt\").limit(5)", sizes);
  }

  private static @Nullable String note(@Nullable Ticket t) {
    return t == null ? null : t.note();
  }

  private static void expiry(Ds ds, ObjectStore<User> users) {
    chapter("ObjectStore: expiry by the caller's clock");
    // tag::store-ttl[]
    User guest = users.save(new User("Guest", "guest@domain.com", "g", 0), Duration.ofMinutes(1));
    ObjectStore<User> later = ds.objectStore("tour-users", ObjectSchema.of(User.class),
        ObjectStoreOptions.defaults().withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))));
    User now = users.get(guest.id());                // the guest: one minute left by this clock
    User then = later.get(guest.id());               // null: expired by a clock two minutes ahead
    long purged = later.purgeExpired();              // 1: its hash, index entries and email are gone
    // end::store-ttl[]
    did("User guest = users.save(new User(\"Guest\", \"guest@domain.com\", \"g\", 0), Duration.ofMinutes(1))");
    did("ObjectStore<User> later = ... withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)))");
    step("users.get(guest.id()).name()", now == null ? null : now.name());
    step("later.get(guest.id())", then);
    step("later.purgeExpired()", purged);
    step("redis> EXISTS " + users.redisKey(guest.id()), ds.redisson().getKeys().countExists(users.redisKey(guest.id())));
  }

  private static void schemaChange(Ds ds) {
    chapter("ObjectStore: a new index on a store that has objects");
    // tag::store-reindex[]
    ObjectStore<User> v1 = ds.objectStore("tour-people", ObjectSchema.builder(User.class).id("id").build());
    List<User> people = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      people.add(new User("person " + i % 50, "p" + i + "@domain.com", "h", i));
    }
    v1.saveAll(people);                                  // stored with no index at all
    ObjectStore<User> v2 = ds.objectStore("tour-people", User.class);   // declares User's indexes
    Map<String, String> before = v2.indexStates();      // each 'building': 500 objects predate it
    // end::store-reindex[]
    did("v1.saveAll(people)   // 500 users, by a store whose schema has no index");
    step("v2.indexStates()", before);
    try {
      v2.find(Query.where("name").eq("person 7"));
    } catch (DsIndexNotReadyException e) {
      step("v2.find(Query.where(\"name\").eq(\"person 7\"))", "throws " + e.getClass().getSimpleName() + ": "
          + e.getMessage());
    }
    // tag::store-reindex-run[]
    long indexed = v2.reindex();                         // 500, in batches; resumes where it stopped
    Map<String, String> after = v2.indexStates();       // each 'ready'
    List<User> sevens = v2.find(Query.where("name").eq("person 7"));   // 10 users
    List<String> drift = v2.verify();                    // []: every entry matches its object
    // end::store-reindex-run[]
    step("v2.reindex()", indexed);
    step("v2.indexStates()", after);
    step("v2.find(Query.where(\"name\").eq(\"person 7\")).size()", sevens.size());
    step("v2.verify()", drift);
  }

  private static void changeFeed(Ds ds) {
    chapter("ObjectStore: the change feed");
    // tag::store-feed[]
    ObjectStore<User> audited = ds.objectStore("tour-audited", ObjectSchema.of(User.class),
        ObjectStoreOptions.defaults().withChangeFeed(10_000));   // each write appends to {tour-audited}:changes
    User eve = audited.save(new User("Eve", "eve@domain.com", "e", 10));
    audited.update(eve.id(), Map.of("score", 11L));
    audited.delete(eve.id());
    // end::store-feed[]
    did("audited.save(eve); audited.update(eve.id(), Map.of(\"score\", 11L)); audited.delete(eve.id())");
    List<Map<String, String>> entries = new ArrayList<>();
    ds.redisson().<String, String>getStream("{tour-audited}:changes", StringCodec.INSTANCE)
        .range(StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX))
        .values().forEach(e -> entries.add(new TreeMap<>(e)));
    step("redis> XRANGE {tour-audited}:changes - +   (fields of each entry)", entries);
  }

  private static void reset(Ds ds, String name) {
    ds.redisson().getKeys().deleteByPattern("{" + name + "}:*");
  }

  private static TreeSet<String> keys(Ds ds, String name) {
    TreeSet<String> keys = new TreeSet<>();
    ds.redisson().getKeys().getKeysByPattern("{" + name + "}:*").forEach(keys::add);
    return keys;
  }
}
