package io.dstruct

import io.dstruct.StoreModels.Account
import io.dstruct.testing.TestRedis
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import org.redisson.api.stream.StreamMessageId
import org.redisson.api.stream.StreamRangeArgs
import org.redisson.client.codec.StringCodec
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.random.Random

/**
 * Many threads writing the same objects at once: every write is whole, every unique value has one holder, and each
 * write that returned was applied once, at the version it returned.
 */
class ObjectStoreConcurrencyTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    /** The change feed of the store [name] as (id, op, version) in commit order. */
    fun feed(name: String): List<Triple<Long, String, Long>> =
        ds.redisson().getStream<String, String>("{$name}:changes", StringCodec.INSTANCE)
            .range(StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX)).values
            .map { Triple(it["id"]!!.toLong(), it["op"]!!, it["version"]!!.toLong()) }

    test("randomWrites_8threadsOnOverlappingIds_indexesExact_everyReturnedWriteAppliedOnce") {
        val name = TestRedis.namespace("race")
        val store = ds.objectStore(name, Account.SCHEMA, ObjectStoreOptions.defaults().withChangeFeed(1_000_000))
        val space = (1L..40L).toList()
        val emails = (0 until 50).map { "e$it@x" }
        val tags = listOf("t0", "t1", "t2")
        val tiers = listOf(null, "a", "b")
        val written = ConcurrentLinkedQueue<Pair<Long, Long>>() // (id, version) of each write that returned
        val deleted = ConcurrentHashMap<Long, AtomicInteger>()
        val refused = AtomicInteger()
        val seed = System.nanoTime()
        // Readers on the live store: verify() finds no drift while writes go on (it reads in batches), and a query
        // never returns an object that does not match it, or out of order.
        val writing = AtomicBoolean(true)
        val drifts = ConcurrentLinkedQueue<String>()
        val reads = AtomicInteger()
        val readers = (0 until 2).map { r ->
            thread {
                while (writing.get()) {
                    try {
                        if (r == 0) {
                            drifts += store.verify()
                        } else {
                            store.find(Query.where("tag").eq("t1")).forEach { if (it.tag() != "t1") drifts += "tag: $it" }
                            val q = Query.where("score").between(-10.0, 10.0).and("tier").`in`("a", "b").orderBy("score")
                            val found = store.find(q)
                            found.forEach { if (it.score() !in -10..10 || it.tier() == null) drifts += "range: $it" }
                            if (found.map { it.score() } != found.map { it.score() }.sorted()) drifts += "order: $found"
                            store.find(Query.where("tag").eq("t2").and("tier").eq("b")).forEach {
                                if (it.tag() != "t2" || it.tier() != "b") drifts += "compound: $it"
                            }
                        }
                        reads.incrementAndGet()
                    } catch (e: Exception) {
                        drifts += "reader $r: $e"
                    }
                }
            }
        }
        withClue("seed=$seed") {
            try {
                onThreads(8) { t ->
                    val random = Random(seed + t)
                    var op = 0
                    // each object written carries a note of its own, "w<thread>-<op>"
                    fun account(id: Long, version: Long) = Account(id, tags.random(random), tiers.random(random),
                        emails.random(random), random.nextLong(-50, 51), version, "w$t-${op++}")
                    repeat(300) {
                        val id = space.random(random)
                        try {
                            when (random.nextInt(10)) {
                                0 -> written += id to store.insert(account(id, 0)).version()
                                1, 2, 3 -> { // read, change, compare-and-set
                                    val v = store.get(id)?.version() ?: 0L
                                    written += id to store.save(account(id, v)).version()
                                }
                                4, 5 -> {
                                    val changes = mapOf("tag" to tags.random(random), "score" to random.nextLong(-50, 51),
                                        "email" to emails.random(random))
                                    store.update(id, changes)?.let { written += id to it.version() }
                                }
                                6 -> if (store.delete(id)) deleted.computeIfAbsent(id) { AtomicInteger() }.incrementAndGet()
                                7, 8 -> {
                                    val ids = space.shuffled(random).take(random.nextInt(2, 4))
                                    val versions = ids.associateWith { store.get(it)?.version() ?: 0L }
                                    store.saveAll(ids.map { account(it, versions.getValue(it)) })
                                        .forEach { written += it.id() to it.version() }
                                }
                                else -> {
                                    val candidate = account(id, 0)
                                    val got = store.getOrInsert("email", candidate)
                                    if (got.note() == candidate.note()) { // inserted, not found
                                        got shouldBe candidate.withVersion(1)
                                        written += id to 1L
                                    }
                                }
                            }
                        } catch (e: DsConflictException) {
                            refused.incrementAndGet()
                        } catch (e: DsUniqueViolationException) {
                            refused.incrementAndGet()
                        }
                    }
                }
            } finally {
                writing.set(false)
                readers.forEach { it.join() }
            }
        }
        drifts.toList() shouldBe emptyList()
        reads.get() shouldBeGreaterThan 2
        val objects = store.getAll(space)
        assertIndexesMatch(store, objects)
        objects.forEach { it.note()!!.startsWith("w") shouldBe true }
        // The feed holds every applied write in commit order: per id, versions count up from 1 after each delete.
        val entries = feed(name)
        for ((id, list) in entries.groupBy { it.first }) {
            var expected = 1L
            for ((_, op, v) in list) {
                withClue("feed of $id: $list") {
                    if (op == "delete") {
                        v shouldBe expected - 1
                        expected = 1L
                    } else {
                        v shouldBe expected
                        expected++
                    }
                }
            }
            objects.find { it.id() == id }?.let { withClue("id $id") { it.version() shouldBe expected - 1 } }
        }
        // The writes that returned are exactly the writes the feed holds: none lost, none applied twice.
        entries.filter { it.second != "delete" }.map { it.first to it.third }.groupingBy { it }.eachCount() shouldBe
            written.groupingBy { it }.eachCount()
        for (id in space) withClue("deletes of $id") {
            entries.count { it.first == id && it.second == "delete" } shouldBe (deleted[id]?.get() ?: 0)
        }
        refused.get() shouldBeGreaterThan 0
        written.size shouldBeGreaterThan 500
    }

    test("sameEmail_8threadsAtOnce_exactlyOneInsertWins_theOthersNameIt") {
        val store = ds.objectStore(TestRedis.namespace("oneEmail"), Account.SCHEMA)
        val barrier = CyclicBarrier(8)
        val rounds = 25
        val outcomes = onThreads(8) { t ->
            (0 until rounds).map { r ->
                barrier.await(1, TimeUnit.MINUTES)
                try {
                    "won:" + store.insert(Account(0, "t$t", null, "same$r@x", t.toLong(), 0, null)).id()
                } catch (e: DsUniqueViolationException) {
                    e.field() shouldBe "email"
                    e.value() shouldBe "same$r@x"
                    "lost:" + e.holderId()
                }
            }
        }
        for (r in 0 until rounds) {
            val round = outcomes.map { it[r] }
            withClue("round $r: $round") {
                val won = round.filter { it.startsWith("won:") }
                won.size shouldBe 1
                val winner = won.single().removePrefix("won:")
                round.count { it == "lost:$winner" } shouldBe 7
                store.find(Query.where("email").eq("same$r@x")).map { it.id().toString() } shouldBe listOf(winner)
            }
        }
        store.count(Query.all()) shouldBe rounds.toLong()
        store.verify() shouldBe emptyList()
    }

    test("sameEmail_8threadsGetOrInsertAtOnce_allGetTheOneObject") {
        val store = ds.objectStore(TestRedis.namespace("goi"), Account.SCHEMA)
        val barrier = CyclicBarrier(8)
        val rounds = 25
        val got = onThreads(8) { t ->
            (0 until rounds).map { r ->
                barrier.await(1, TimeUnit.MINUTES)
                store.getOrInsert("email", Account(0, "t$t", "a", "g$r@x", t.toLong(), 0, "by $t"))
            }
        }
        for (r in 0 until rounds) {
            val round = got.map { it[r] }
            withClue("round $r: $round") {
                round.toSet().size shouldBe 1
                store.get(round[0].id()) shouldBe round[0]
            }
        }
        store.count(Query.all()) shouldBe rounds.toLong()
        store.verify() shouldBe emptyList()
    }

    test("versionCas_8racingSavers_finalVersionIsTheNumberOfSuccessfulSaves") {
        val store = ds.objectStore(TestRedis.namespace("cas"), Account.SCHEMA)
        val id = 7L
        val results = onThreads(8) { t ->
            val mine = mutableListOf<Account>()
            var conflicts = 0
            repeat(100) { i ->
                val v = store.get(id)?.version() ?: 0L // 0: the object is new, and only one creator wins
                try {
                    mine += store.save(Account(id, "t${i % 3}", "a", "cas@x", i.toLong(), v, "t$t-$i"))
                } catch (e: DsConflictException) {
                    conflicts++
                }
            }
            mine to conflicts
        }
        val saves = results.flatMap { it.first }
        val final = store.get(id)!!
        final.version() shouldBe saves.size.toLong()
        saves.map { it.version() }.sorted() shouldBe (1L..saves.size).toList() // each success had its own version
        final shouldBe saves.maxBy { it.version() }
        results.sumOf { it.second } shouldBeGreaterThan 0 // the savers did race
        assertIndexesMatch(store, listOf(final))
    }
})
