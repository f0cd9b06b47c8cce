package io.dstruct

import io.dstruct.StoreModels.Account
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant
import kotlin.random.Random

/**
 * Thousands of random writes on a small id space with overlapping unique values, each also applied to an
 * in-memory model of the store (expected failures, version conflicts and expiry by a manual clock included);
 * after every batch, random queries, counts and page walks agree with the model, and verify() is clean.
 * A failure names its seed: rerun with -Dds.seed=<seed>.
 */
class ObjectStoreModelTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    /** Runs [batches] batches of 200 random operations, then checks that the run met each case in [cases]. */
    fun run(defaultTtl: Duration?, batches: Int, cases: List<String>) {
        val seed = System.getProperty("ds.seed")?.toLong() ?: System.nanoTime()
        val run = ModelRun(ds, seed, defaultTtl)
        try {
            repeat(batches) { run.batch(200) }
        } catch (e: Throwable) {
            throw AssertionError("seed=$seed (rerun with -Dds.seed=$seed); the last operations:\n" +
                run.log.joinToString("\n"), e)
        }
        println("ObjectStoreModelTest seed=$seed defaultTtl=$defaultTtl cases=${run.seen}")
        withClue(run.seen) { for (case in cases) (run.seen[case] ?: 0) shouldBeGreaterThan 0 }
    }

    test("randomOps_3000_agreeWithAnInMemoryModel") {
        run(null, 15, listOf("insert", "insert:conflict", "insert:unique", "save", "save:conflict", "save:unique",
            "save:ttl", "update", "update:unique", "update:absent", "delete", "delete:absent", "saveAll",
            "saveAll:conflict", "saveAll:unique", "getOrInsert:found", "getOrInsert:inserted", "getOrInsert:conflict",
            "expired"))
    }

    test("randomOps_1000_withADefaultTtl_agreeWithAnInMemoryModel") {
        // every write but update and save(object, ttl) gives the object the default TTL
        run(Duration.ofSeconds(12), 5, listOf("insert", "save", "save:ttl", "update", "saveAll", "getOrInsert:inserted",
            "expired"))
    }
})

/** One seeded run: the store, its model, and the random operations on both. */
private class ModelRun(ds: Ds, seed: Long, private val defaultTtl: Duration?) {
    private val random = Random(seed)
    private val clock = ManualClock(Instant.parse("2001-03-04T05:06:07Z"))
    private val name = TestRedis.namespace("model")
    private val store = ds.objectStore(name, Account.SCHEMA,
        ObjectStoreOptions.defaults().withClock(clock).withChangeFeed(64)
            .let { if (defaultTtl == null) it else it.withDefaultTtl(defaultTtl) })
    private val redisson = ds.redisson()

    /** An object of the model and its expiry (Unix ms), null for none. */
    data class Entry(val account: Account, val expiresAt: Long?)

    private val model = HashMap<Long, Entry>()
    private val space = (1L..30L).map { 1_000_000 + it }
    private val emails = (0 until 40).map { "e$it@x" }
    private val tags = listOf("t0", "t1", "t2", "t3")
    private val tiers = listOf(null, "a", "b")

    /** The last operations, for the failure message. */
    val log = ArrayDeque<String>()

    /** How often each case happened. */
    val seen = sortedMapOf<String, Int>()
    private var batches = 0

    private fun note(op: String) {
        log.addLast(op)
        if (log.size > 40) log.removeFirst()
    }

    private fun saw(case: String) {
        seen.merge(case, 1, Int::plus)
    }

    private fun now() = clock.millis()

    /** The expiry a write without a TTL of its own gives: the store's default TTL from now, or none. */
    private fun defaultExpiry(): Long? = defaultTtl?.let { now() + it.toMillis() }

    /** Drops the objects whose expiry has come: they read as absent from now on. */
    private fun expire() {
        val now = now()
        val gone = model.filterValues { e -> e.expiresAt != null && e.expiresAt <= now }.keys
        if (gone.isNotEmpty()) saw("expired")
        gone.forEach { model.remove(it) }
    }

    private fun live(): List<Account> = model.values.map { it.account }.sortedBy { it.id() }

    /** The object other than [id] that holds [email], if any. */
    private fun holder(email: String, id: Long): Account? =
        model.values.firstOrNull { it.account.email() == email && it.account.id() != id }?.account

    private fun storedVersion(id: Long) = model[id]?.account?.version() ?: 0L

    private fun pickId(): Long =
        if (model.isNotEmpty() && random.nextInt(6) == 0) model.keys.sorted().random(random) else space.random(random)

    private fun email(id: Long): String {
        val own = model[id]?.account
        return if (own != null && random.nextInt(2) == 0) own.email() else emails.random(random)
    }

    private fun account(id: Long, version: Long) = Account(id, tags.random(random), tiers.random(random), email(id),
        random.nextLong(-20, 21), version, if (random.nextInt(3) == 0) null else "n${random.nextInt(100)}")

    /** The version a save carries: mostly the stored one, sometimes a stale or future one. */
    private fun versionFor(id: Long): Long {
        val v = storedVersion(id)
        return if (random.nextInt(4) == 0) random.nextLong(0, v + 3) else v
    }

    /** Runs [n] random operations, then checks every read against the model. */
    fun batch(n: Int) {
        repeat(n) {
            expire()
            when (random.nextInt(100)) {
                in 0 until 14 -> insert()
                in 14 until 42 -> save()
                in 42 until 62 -> update()
                in 62 until 71 -> delete()
                in 71 until 79 -> saveAll()
                in 79 until 89 -> getOrInsert()
                in 89 until 94 -> get()
                else -> advance()
            }
        }
        expire()
        check()
    }

    private fun advance() {
        val ms = random.nextLong(0, 4_000)
        note("advance $ms ms")
        clock.advance(Duration.ofMillis(ms))
    }

    private fun get() {
        val id = pickId()
        note("get $id")
        store.get(id) shouldBe model[id]?.account
    }

    private fun insert() {
        val id = if (random.nextInt(15) == 0) 0L else pickId()
        val a = account(id, random.nextLong(0, 3)) // insert ignores the version it carries
        note("insert $a")
        val current = model[id]?.account
        val other = holder(a.email(), id)
        when {
            current != null -> {
                saw("insert:conflict")
                shouldThrow<DsConflictException> { store.insert(a) }.storedVersion() shouldBe current.version()
            }
            other != null -> {
                saw("insert:unique")
                shouldThrow<DsUniqueViolationException> { store.insert(a) }.holderId() shouldBe other.id().toString()
            }
            else -> {
                saw("insert")
                val got = store.insert(a)
                if (id == 0L) model.containsKey(got.id()) shouldBe false
                val want = Account(got.id(), a.tag(), a.tier(), a.email(), a.score(), 1, a.note())
                got shouldBe want
                model[got.id()] = Entry(want, defaultExpiry())
            }
        }
    }

    private fun save() {
        val id = if (random.nextInt(15) == 0) 0L else pickId()
        val a = account(id, if (id == 0L) 0 else versionFor(id))
        val ttl = if (random.nextInt(3) == 0) Duration.ofMillis(random.nextLong(1, 20_000)) else null
        note("save $a ttl=$ttl")
        val stored = storedVersion(id)
        val other = holder(a.email(), id)
        val call = { if (ttl == null) store.save(a) else store.save(a, ttl) }
        when {
            a.version() != stored -> {
                saw("save:conflict")
                shouldThrow<DsConflictException> { call() }.storedVersion() shouldBe stored
            }
            other != null -> {
                saw("save:unique")
                val e = shouldThrow<DsUniqueViolationException> { call() }
                e.holderId() shouldBe other.id().toString()
                e.field() shouldBe "email"
            }
            else -> {
                saw(if (ttl == null) "save" else "save:ttl")
                val got = call()
                val want = Account(got.id(), a.tag(), a.tier(), a.email(), a.score(), stored + 1, a.note())
                got shouldBe want
                model[got.id()] = Entry(want, ttl?.let { now() + it.toMillis() } ?: defaultExpiry())
            }
        }
    }

    private fun update() {
        val id = pickId()
        val changes = LinkedHashMap<String, Any?>()
        while (changes.isEmpty()) {
            if (random.nextInt(3) == 0) changes["tag"] = tags.random(random)
            if (random.nextInt(3) == 0) changes["tier"] = tiers.random(random)
            if (random.nextInt(3) == 0) changes["email"] = email(id)
            if (random.nextInt(3) == 0) changes["score"] = random.nextLong(-20, 21)
            if (random.nextInt(4) == 0) changes["note"] = if (random.nextBoolean()) null else "u${random.nextInt(100)}"
        }
        note("update $id $changes")
        val current = model[id]
        val email = changes["email"] as String?
        val other = email?.let { holder(it, id) }
        when {
            current == null -> {
                saw("update:absent")
                store.update(id, changes) shouldBe null
            }
            other != null -> {
                saw("update:unique")
                shouldThrow<DsUniqueViolationException> { store.update(id, changes) }.holderId() shouldBe other.id().toString()
            }
            else -> {
                saw("update")
                val c = current.account
                val want = Account(id, changes.getOrDefault("tag", c.tag()) as String,
                    changes.getOrDefault("tier", c.tier()) as String?, changes.getOrDefault("email", c.email()) as String,
                    changes.getOrDefault("score", c.score()) as Long, c.version() + 1,
                    changes.getOrDefault("note", c.note()) as String?)
                store.update(id, changes) shouldBe want
                model[id] = Entry(want, current.expiresAt) // an update keeps the TTL
            }
        }
    }

    private fun delete() {
        val id = pickId()
        note("delete $id")
        val existed = model.remove(id) != null
        saw(if (existed) "delete" else "delete:absent")
        store.delete(id) shouldBe existed
    }

    private fun saveAll() {
        val ids = space.shuffled(random).take(random.nextInt(2, 5))
        val objects = ids.map { account(it, versionFor(it)) }
        note("saveAll $objects")
        // Each object in order: its version, then its email against the earlier objects, then against Redis as it
        // was before the batch; the first failure refuses the whole batch.
        val claimed = HashMap<String, Long>()
        var failure: (() -> Unit)? = null
        for (a in objects) {
            val stored = storedVersion(a.id())
            if (a.version() != stored) {
                failure = {
                    saw("saveAll:conflict")
                    shouldThrow<DsConflictException> { store.saveAll(objects) }.storedVersion() shouldBe stored
                }
                break
            }
            val holder = claimed[a.email()] ?: holder(a.email(), a.id())?.id()
            if (holder != null) {
                failure = {
                    saw("saveAll:unique")
                    shouldThrow<DsUniqueViolationException> { store.saveAll(objects) }.holderId() shouldBe holder.toString()
                }
                break
            }
            claimed[a.email()] = a.id()
        }
        if (failure != null) {
            failure()
            return
        }
        saw("saveAll")
        val want = objects.map { it.withVersion(it.version() + 1) }
        store.saveAll(objects) shouldBe want
        want.forEach { model[it.id()] = Entry(it, defaultExpiry()) }
    }

    private fun getOrInsert() {
        val id = if (random.nextInt(4) == 0) 0L else pickId()
        val candidate = account(id, 0)
        note("getOrInsert $candidate")
        val holder = model.values.firstOrNull { it.account.email() == candidate.email() }?.account
        val current = model[id]?.account
        when {
            holder != null -> {
                saw("getOrInsert:found")
                store.getOrInsert("email", candidate) shouldBe holder
            }
            current != null -> {
                saw("getOrInsert:conflict")
                shouldThrow<DsConflictException> { store.getOrInsert("email", candidate) }
            }
            else -> {
                saw("getOrInsert:inserted")
                val got = store.getOrInsert("email", candidate)
                val want = Account(got.id(), candidate.tag(), candidate.tier(), candidate.email(), candidate.score(), 1,
                    candidate.note())
                got shouldBe want
                model[got.id()] = Entry(want, defaultExpiry())
            }
        }
    }

    // ---- reads, after each batch

    /** A random query and the model's answer to it, before offset and limit. */
    private inner class Probe {
        var query = Query.all()
        private val tests = mutableListOf<(Account) -> Boolean>()
        val text = StringBuilder()
        val order: String?
        val descending: Boolean
        val offset: Int
        val limit: Int?

        init {
            // Conditions in a random order: a compound index must be found whatever the order, also when another
            // condition on one of its fields comes first.
            val conditions = mutableListOf<() -> Unit>()
            val compound = random.nextInt(4) == 0
            if (compound) {
                val tag = tags.random(random)
                val tier = listOf("a", "b").random(random)
                conditions.add { eq("tag", tag) }
                conditions.add { eq("tier", tier) }
            }
            repeat(random.nextInt(if (compound) 2 else 4)) {
                conditions.add(when (random.nextInt(7)) {
                    0 -> { val v = (tags + "t9").random(random); { eq("tag", v) } }
                    1 -> {
                        val vs = (tags + "t9").shuffled(random).take(random.nextInt(1, 4));
                        {
                            query = query.and("tag").`in`(vs)
                            tests += { a -> a.tag() in vs }
                            text.append(" tag in $vs")
                        }
                    }
                    2 -> { val v = listOf("a", "b").random(random); { eq("tier", v) } }
                    3 -> {
                        {
                            query = query.and("tier").`in`("a", "b")
                            tests += { a -> a.tier() != null }
                            text.append(" tier in [a, b]")
                        }
                    }
                    4 -> { val v = emails.random(random); { eq("email", v) } }
                    else -> { { range() } }
                })
            }
            conditions.shuffled(random).forEach { it() }
            order = if (random.nextBoolean()) "score" else null
            if (order != null) query = query.orderBy(order)
            descending = random.nextBoolean()
            if (descending) query = query.descending()
            offset = if (random.nextInt(4) == 0) random.nextInt(1, 6) else 0
            if (offset > 0) query = query.offset(offset)
            limit = if (random.nextInt(5) < 2) random.nextInt(1, 11) else null
            if (limit != null) query = query.limit(limit)
        }

        private fun eq(field: String, value: String) {
            query = query.and(field).eq(value)
            tests += { a -> (if (field == "tag") a.tag() else if (field == "tier") a.tier() else a.email()) == value }
            text.append(" $field=$value")
        }

        private fun range() {
            val lo = random.nextInt(-22, 23) + if (random.nextBoolean()) 0.5 else 0.0
            val hi = lo + random.nextInt(0, 25)
            when (random.nextInt(5)) {
                0 -> { query = query.and("score").between(lo, hi); tests += { a -> a.score() >= lo && a.score() <= hi } }
                1 -> { query = query.and("score").gt(lo); tests += { a -> a.score() > lo } }
                2 -> { query = query.and("score").gte(lo); tests += { a -> a.score() >= lo } }
                3 -> { query = query.and("score").lt(hi); tests += { a -> a.score() < hi } }
                else -> { query = query.and("score").lte(hi); tests += { a -> a.score() <= hi } }
            }
            text.append(" score ${query.ranges()["score"]}")
        }

        /** The model's matches in the query's order, before offset and limit. */
        fun matches(objects: List<Account>): List<Account> {
            val hits = objects.filter { a -> tests.all { it(a) } }
            val asc = if (order == null) hits.sortedBy { it.id() } else hits.sortedWith(byScore)
            return if (descending) asc.reversed() else asc
        }

        override fun toString() = "query$text order=$order desc=$descending offset=$offset limit=$limit"
    }

    private fun check() {
        batches++
        val live = live()
        val known = (space + model.keys).distinct()
        note("check #$batches: ${live.size} live")
        store.getAll(known) shouldBe known.mapNotNull { model[it]?.account }
        repeat(40) {
            val p = Probe()
            withClue(p) {
                val all = p.matches(live)
                store.find(p.query) shouldBe all.drop(p.offset).let { if (p.limit == null) it else it.take(p.limit) }
                store.count(p.query) shouldBe all.size.toLong()
                if (it % 4 == 0) {
                    val size = p.limit ?: random.nextInt(1, 8)
                    val q = p.query.limit(size)
                    val walked = mutableListOf<Account>()
                    var page = store.findPage(q)
                    var pages = 1
                    while (true) {
                        walked += page.items()
                        val c = page.cursor() ?: break
                        page.items().size shouldBe size
                        page = store.findPage(q, c)
                        pages++
                        (pages <= all.size / size + 2) shouldBe true
                    }
                    walked shouldBe all.drop(p.offset)
                }
            }
        }
        store.verify().shouldBeEmpty()
        if (batches % 2 == 0) {
            // After a purge, Redis holds exactly the live objects, with the model's expiries.
            store.purgeExpired()
            redisson.getSet<String>("{$name}:ids", StringCodec.INSTANCE).readAll() shouldBe
                model.keys.map { it.toString() }.toSet()
            redisson.getScoredSortedSet<String>("{$name}:exp", StringCodec.INSTANCE).entryRange(0, -1)
                .associate { it.value to it.score.toLong() } shouldBe
                model.filterValues { it.expiresAt != null }.map { (id, e) -> id.toString() to e.expiresAt!! }.toMap()
            store.verify().shouldBeEmpty()
        }
    }
}
