package io.dstruct

import io.dstruct.StoreModels.Account
import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import org.redisson.api.stream.StreamMessageId
import org.redisson.api.stream.StreamRangeArgs
import org.redisson.client.codec.StringCodec
import org.redisson.config.Config
import org.redisson.config.ConstantDelay
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.random.Random

/**
 * ObjectStore writes through the exactly-once runtime under real faults (a paused server, killed connections,
 * lost replies, flushed scripts, a writer process killed with kill -9): each write that returned was stored once
 * at the version it returned, one whose outcome was unknown was stored once or not at all, one that failed
 * outright was not stored, and the indexes stay exact.
 */
class ObjectStoreFaultTest : FunSpec({

    /** A Ds whose Redisson client would resend every command 4 times, 5 ms apart, as a user might configure it. */
    fun connect(uri: String, timeoutMs: Int): Ds = Ds.connect(Config().apply {
        useSingleServer().setAddress(uri).setTimeout(timeoutMs).setRetryAttempts(4)
            .setRetryDelay(ConstantDelay(Duration.ofMillis(5)))
    })

    fun admin(server: EmbeddedRedis) = Resp("127.0.0.1", server.port())

    fun options() = ObjectStoreOptions.defaults().withChangeFeed(1_000_000)

    /** Runs [fault] on a thread of its own, after its first round, until [body] is done. */
    fun <T> underFault(fault: (stop: AtomicBoolean, started: CountDownLatch) -> Unit, body: () -> T): T {
        val stop = AtomicBoolean()
        val started = CountDownLatch(1)
        val t = thread { fault(stop, started) }
        try {
            started.await(30, TimeUnit.SECONDS) shouldBe true // the writes start under the fault, not before it
            return body()
        } finally {
            stop.set(true)
            t.join()
        }
    }

    test("pausedServer_shortTimeout_everySaveReturnedIsStoredOnce_unknownOnesAtMostOnce") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 10).use { ds ->
                val name = "paused"
                val store = ds.objectStore(name, Account.SCHEMA, options())
                store.indexStates() // opened before the fault
                val before = CommandCalls.of("127.0.0.1", server.port())
                val writers = underFault({ stop, started ->
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("DEBUG", "SLEEP", "0.015"))
                            started.countDown()
                            Thread.sleep(10)
                        }
                    }
                }) { write(store, threads = 4, idsPerThread = 3, rounds = 50) }
                check(ds, name, store, writers)
                val scripts = CommandCalls.since(before, CommandCalls.of("127.0.0.1", server.port()))
                    .filterKeys { it == "evalsha" || it == "eval" }.values.sum()
                withClue("scripts run $scripts, calls ${writers.sumOf { it.calls }}") {
                    scripts shouldBeGreaterThan writers.sumOf { it.calls }.toLong() // replies were lost and resent
                }
            }
        }
    }

    test("connectionsKilledEvery40ms_everySaveReturnedIsStoredOnce_unknownOnesAtMostOnce") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 1_000).use { ds ->
                val name = "killed"
                val store = ds.objectStore(name, Account.SCHEMA, options())
                store.indexStates()
                val killed = AtomicInteger()
                val writers = underFault({ stop, started ->
                    admin(server).use { r ->
                        while (!stop.get()) {
                            val n = r.call(listOf("CLIENT", "KILL", "TYPE", "normal")) // not this connection
                            killed.addAndGet((n as Long).toInt())
                            started.countDown()
                            Thread.sleep(40)
                        }
                    }
                }) { write(store, threads = 4, idsPerThread = 3, rounds = 40) }
                check(ds, name, store, writers)
                killed.get() shouldBeGreaterThan 0 // the fault was real: connections in use were cut
            }
        }
    }

    test("proxyCuttingConnections_everySaveReturnedIsStoredOnce_unknownOnesAtMostOnce") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            connect(proxy.uri(), 1_000).use { ds ->
                val name = TestRedis.namespace("cut")
                val store = ds.objectStore(name, Account.SCHEMA, options())
                store.indexStates()
                val cuts = AtomicInteger()
                val writers = underFault({ stop, started ->
                    while (!stop.get()) {
                        cuts.addAndGet(proxy.cutConnections())
                        started.countDown()
                        Thread.sleep(50)
                    }
                }) { write(store, threads = 4, idsPerThread = 3, rounds = 30) }
                check(ds, name, store, writers)
                cuts.get() shouldBeGreaterThan 0
            }
        }
    }

    test("lostReplies_eachWriteIsResentAndAppliedOnce_aDeleteIsUnknownAndHappened") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            connect(proxy.uri(), 300).use { ds ->
                val name = TestRedis.namespace("lost")
                val store = ds.objectStore(name, Account.SCHEMA, options())
                // Loads every script first, so that the reply dropped is the script's, not a NOSCRIPT error.
                store.insert(Account(99, "w", null, "w@x", 0, 0, null))
                store.save(Account(99, "w", null, "w@x", 0, 1, null))
                store.update(99L, mapOf("note" to "w"))
                store.saveAll(listOf(Account(98, "w", null, "v@x", 0, 0, null)))
                store.getOrInsert("email", Account(97, "w", null, "v@x", 0, 0, null))
                store.delete(99L)
                store.delete(98L)
                val warm = feed(ds, name).size
                fun <T> lost(call: () -> T): T {
                    val dropped = proxy.droppedReplies()
                    proxy.dropNextReply("EVALSHA")
                    return call().also { proxy.droppedReplies() shouldBe dropped + 1 }
                }
                val a = lost { store.insert(Account(1, "t", "a", "a@x", 1, 0, "first")) }
                a.version() shouldBe 1L
                lost { store.save(a.withVersion(1)) }.version() shouldBe 2L
                lost { store.update(1L, mapOf("note" to "third", "email" to "a2@x")) }!!.version() shouldBe 3L
                lost { store.saveAll(listOf(Account(2, "t", "b", "b@x", 2, 0, null), Account(3, "u", null, "c@x", 3, 0, null))) }
                    .map { it.version() } shouldBe listOf(1L, 1L)
                lost { store.getOrInsert("email", Account(4, "t", "a", "d@x", 4, 0, null)) }.id() shouldBe 4L
                lost { store.getOrInsert("email", Account(5, "t", "a", "d@x", 5, 0, null)) }.id() shouldBe 4L
                lost { store.save(Account(1, "t", "a", "a3@x", 9, 3, "fourth"), Duration.ofHours(1)) }.version() shouldBe 4L
                proxy.dropNextReply("EVALSHA")
                val e = io.kotest.assertions.throwables.shouldThrow<DsOutcomeUnknownException> { store.delete(2L) }
                e.key() shouldBe store.redisKey(2L)
                store.get(2L) shouldBe null // it ran once, and was not sent again
                store.get(1L) shouldBe Account(1, "t", "a", "a3@x", 9, 4, "fourth")
                feed(ds, name).drop(warm).map { "${it.first}:${it.second}:${it.third}" } shouldBe listOf(
                    "1:insert:1", "1:update:2", "1:update:3", "2:insert:1", "3:insert:1", "4:insert:1", "1:update:4",
                    "2:delete:1")
                assertIndexesMatch(store, store.getAll(listOf(1L, 3L, 4L)))
            }
        }
    }

    test("lostReply_anotherWriterWritesBeforeTheResend_theResendIsUnknown_andDoesNotUndoTheOtherWrite") {
        // A's first attempt is applied but its reply is late, so A sends it again; B writes in between. The resend
        // must not apply A's write a second time over B's (a lost update), nor report a conflict for a write
        // that was applied: A's outcome is unknown. A resends a second after its first attempt (its response
        // timeout), so B's write, which comes as soon as A's first attempt shows, is first even on a loaded machine;
        // with a 100 ms timeout, A's resend could come first and rightly succeed.
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            connect(proxy.uri(), 1_000).use { a ->
                Ds.connect(TestRedis.uri()).use { b ->
                    val name = TestRedis.namespace("overtaken")
                    /** Runs [write] through A with late replies, and [other] on B once A's first attempt is applied. */
                    fun <T> overtaken(key: String, field: String, value: String, write: () -> T, other: () -> Unit): Result<T> {
                        val hash = b.redisson().getMap<String, String>(key, StringCodec.INSTANCE)
                        proxy.delayReplies(Duration.ofMillis(2_000))
                        val result = java.util.concurrent.CompletableFuture.supplyAsync { runCatching(write) }
                        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
                        while (hash[field] != value && System.nanoTime() < deadline) Thread.sleep(0, 200_000)
                        hash[field] shouldBe value // A's first attempt was applied
                        other()
                        proxy.delayReplies(Duration.ZERO)
                        return result.get(1, TimeUnit.MINUTES)
                    }
                    fun Result<*>.shouldBeUnknown() = withClue(this) {
                        (exceptionOrNull() is DsOutcomeUnknownException) shouldBe true
                    }

                    val ua = a.objectStore(name, StoreModels.User::class.java)
                    val ub = b.objectStore(name, StoreModels.User::class.java)
                    ua.save(StoreModels.User(1, "a0", "a@x", "", 0, 0))
                    overtaken(ua.redisKey(1L), "name", "A", { ua.save(StoreModels.User(1, "A", "a@x", "", 0, 1)) }) {
                        ub.save(StoreModels.User(1, "B", "b@x", "", 0, 2))
                    }.shouldBeUnknown()
                    ub.get(1L) shouldBe StoreModels.User(1, "B", "b@x", "", 0, 2)
                    ub.find(Query.where("email").eq("a@x")) shouldBe emptyList()

                    val va = a.objectStore(name + "v", Account.SCHEMA, options())
                    val vb = b.objectStore(name + "v", Account.SCHEMA, options())
                    va.save(Account(1, "t", null, "a@x", 0, 0, "a0"))
                    overtaken(va.redisKey(1L), "note", "A", { va.save(Account(1, "t", null, "a@x", 0, 1, "A")) }) {
                        vb.save(Account(1, "t", "b", "b@x", 5, 2, "B")).version() shouldBe 3L
                    }.shouldBeUnknown()
                    vb.get(1L) shouldBe Account(1, "t", "b", "b@x", 5, 3, "B")
                    overtaken(va.redisKey(1L), "note", "U", { va.update(1L, mapOf("note" to "U", "score" to 7L)) }) {
                        vb.update(1L, mapOf("score" to 9L))!!.version() shouldBe 5L
                    }.shouldBeUnknown()
                    vb.get(1L) shouldBe Account(1, "t", "b", "b@x", 9, 5, "U")
                    overtaken(va.redisKey(2L), "note", "G", { va.getOrInsert("email", Account(2, "t", null, "g@x", 0, 0, "G")) }) {
                        vb.update(2L, mapOf("email" to "h@x"))
                    }.shouldBeUnknown()
                    vb.find(Query.where("email").eq("h@x")).map { it.id() } shouldBe listOf(2L)
                    vb.count(Query.all()) shouldBe 2L
                    feed(b, name + "v").map { "${it.first}:${it.second}:${it.third}" } shouldBe listOf(
                        "1:insert:1", "1:update:2", "1:update:3", "1:update:4", "1:update:5", "2:insert:1", "2:update:2")
                    assertIndexesMatch(vb, vb.getAll(listOf(1L, 2L)))
                }
            }
        }
    }

    test("scriptFlushEvery2ms_everyOperationSucceeds") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val store = ds.objectStore("flushed", Account.SCHEMA, options())
                val flushes = AtomicInteger()
                val per = 60
                underFault({ stop, started ->
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("SCRIPT", "FLUSH"))
                            flushes.incrementAndGet()
                            started.countDown()
                            Thread.sleep(2)
                        }
                    }
                }) {
                    // Each thread its own ids and values, so every outcome is known: any exception fails the test.
                    onThreads(4) { t ->
                        val base = 10_000L * (t + 1)
                        for (i in 0 until per) {
                            val id = base + i
                            val a = store.insert(Account(id, "t$t", "a", "$id@x", i.toLong(), 0, null))
                            a.version() shouldBe 1L
                            store.save(a.withVersion(1)).version() shouldBe 2L
                            store.update(id, mapOf("tier" to "b", "score" to -i.toLong()))!!.version() shouldBe 3L
                            store.getOrInsert("email", Account(0, "x", null, "$id@x", 0, 0, null)).id() shouldBe id
                            store.saveAll(listOf(Account(id + 5_000, "s$t", null, "${id}s@x", 1, 0, null)))
                            store.get(id)!!.tier() shouldBe "b"
                            store.count(Query.where("tag").eq("t$t")) shouldBe (i + 1).toLong()
                            store.find(Query.where("tag").eq("t$t").and("tier").eq("b").orderBy("score").limit(1))
                                .single().id() shouldBe id
                            if (i % 3 == 0) store.delete(id + 5_000) shouldBe true
                        }
                    }
                    store.verify() shouldBe emptyList()
                    store.purgeExpired() shouldBe 0L
                }
                flushes.get() shouldBeGreaterThan 0
                val all = store.find(Query.all())
                all.size shouldBe 4 * per + 4 * (per - (per + 2) / 3)
                assertIndexesMatch(store, all)
            }
        }
    }

    test("writerProcessKilledWithKill9_midRun_theStoreIsConsistent") {
        val name = TestRedis.namespace("kill9")
        val dir = Files.createTempDirectory("ds-kill9")
        val java = ProcessHandle.current().info().command().orElse("java")
        val cp = System.getProperty("java.class.path")
        Ds.connect(TestRedis.uri()).use { ds ->
            val store = ds.objectStore(name, Account.SCHEMA, options())
            val feed = ds.redisson().getStream<String, String>("{$name}:changes", StringCodec.INSTANCE)
            repeat(1) { round ->
                val log = dir.resolve("w$round.log").toFile()
                val p = ProcessBuilder(java, "-cp", cp, StoreWriter::class.java.name, TestRedis.uri(), name, "4",
                    round.toString()).redirectErrorStream(true).redirectOutput(log).start()
                try {
                    // Kill it once it has written a fair amount, with writes in flight on its 4 threads.
                    val target = 500L * (round + 1)
                    val deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2)
                    while (feed.size() < target && p.isAlive && System.nanoTime() < deadline) Thread.sleep(20)
                    withClue(log.readText()) { p.isAlive shouldBe true }
                } finally {
                    p.destroyForcibly()
                    p.waitFor(1, TimeUnit.MINUTES) shouldBe true
                }
                val ids = ds.redisson().getSet<String>("{$name}:ids", StringCodec.INSTANCE).readAll().map { it.toLong() }
                val objects = store.getAll(ids)
                objects.size shouldBe ids.size // no id without its object
                assertIndexesMatch(store, objects)
                for (o in objects) {
                    val h = ds.redisson().getMap<String, String>(store.redisKey(o.id()), StringCodec.INSTANCE).readAllMap()
                    h["_ds_v"] shouldBe o.version().toString()
                    h.keys.containsAll(listOf("id", "tag", "email", "score", "version", "note", "_ds_op")) shouldBe true
                }
                // what the writer did last is still readable and writable
                objects.forEach { store.save(it.withVersion(it.version())).version() shouldBe it.version() + 1 }
                store.verify() shouldBe emptyList()
            }
        }
    }

    test("reindexProcessKilledWithKill9_midReindex_theNextReindexContinuesFromItsCursor") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val name = "reindexed"
                val n = 10_000
                val plain = ObjectSchema.builder(Account::class.java).id("id").version("version").build()
                val before = ds.objectStore(name, plain)
                (1..n).chunked(500).forEach { ids ->
                    before.saveAll(ids.map { Account(it.toLong(), "t${it % 4}", if (it % 3 == 0) null else "a", "$it@x",
                        (it % 100).toLong(), 0, null) })
                }
                val java = ProcessHandle.current().info().command().orElse("java")
                val log = Files.createTempFile("ds-reindex", ".log").toFile()
                val p = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreWriter::class.java.name,
                    server.uri(), name, "1", "0", "reindex").redirectErrorStream(true).redirectOutput(log).start()
                var cursor: Any? = null
                admin(server).use { r ->
                    try {
                        // Once the killed process has done a batch or more, pause writes so that it cannot finish.
                        val deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2)
                        while (cursor == null && p.isAlive && System.nanoTime() < deadline) {
                            cursor = r.call(listOf("HGET", "{$name}:meta", "reindex:cursor"))
                        }
                        r.call(listOf("CLIENT", "PAUSE", "60000", "WRITE"))
                        withClue(log.readText()) { (cursor != null) shouldBe true }
                    } finally {
                        p.destroyForcibly()
                        p.waitFor(1, TimeUnit.MINUTES) shouldBe true
                        r.call(listOf("CLIENT", "UNPAUSE"))
                    }
                }
                val after = ds.objectStore(name, Account.SCHEMA)
                after.indexStates().values.toSet() shouldBe setOf("building")
                val rest = after.reindex()
                println("ObjectStoreFaultTest reindex: the second reindex indexed $rest of $n objects")
                withClue("the second reindex indexed $rest of $n objects") { (rest < n) shouldBe true }
                after.indexStates().values.toSet() shouldBe setOf("ready")
                after.count(Query.where("tag").eq("t1")) shouldBe (n / 4).toLong()
                after.count(Query.where("tag").eq("t1").and("tier").eq("a")) shouldBe (1..n).count { it % 4 == 1 && it % 3 != 0 }.toLong()
                after.find(Query.where("email").eq("77@x")).map { it.id() } shouldBe listOf(77L)
                after.find(Query.where("score").lt(1.0).orderBy("score")).map { it.id() } shouldBe
                    (100L..n step 100).sortedBy { it.toString() } // equal scores: by id as text
                after.verify() shouldBe emptyList()
            }
        }
    }
})

/** (id, op, version) of each entry of the change feed of the store [name], in commit order. */
private fun feed(ds: Ds, name: String): List<Triple<Long, String, Long>> =
    ds.redisson().getStream<String, String>("{$name}:changes", StringCodec.INSTANCE)
        .range(StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX)).values
        .map { Triple(it["id"]!!.toLong(), it["op"]!!, it["version"]!!.toLong()) }

/** What one writer saw of its one object, write after write. */
private class Writer(val id: Long) {
    /** The objects that saves and updates returned, in order. */
    val returned = mutableListOf<Account>()
    /** The note of each write whose outcome was unknown, with how many writes had returned before it. */
    val unknown = mutableListOf<Pair<String, Int>>()
    /** The notes of writes that failed with nothing written. */
    val failed = mutableListOf<String>()
    var conflicts = 0
    /** How many scripts this writer called (reads and writes, each sent at least once). */
    var calls = 0
}

/**
 * Writes objects under a fault: [threads] threads, each the only writer of its [idsPerThread] objects, [rounds]
 * writes each. A write reads the object (retrying while the fault fails the read), then saves it at the version
 * read, or updates it, with a note of its own; a conflict is allowed only after a write of unknown outcome on the
 * same object since the last one that returned, as that write may have landed late.
 */
private fun write(store: ObjectStore<Account>, threads: Int, idsPerThread: Int, rounds: Int): List<Writer> =
    onThreads(threads) { t ->
        val random = Random(t)
        val mine = (0 until idsPerThread).map { Writer(100L * (t + 1) + it) }
        for (k in 0 until rounds) {
            val w = mine[k % idsPerThread]
            var current: Account? = null
            var read = false
            for (attempt in 0 until 50) {
                w.calls++
                try {
                    current = store.get(w.id)
                    read = true
                    break
                } catch (e: DsConnectionException) {
                    // not read; again
                } catch (e: DsOutcomeUnknownException) {
                    // not read; again
                }
            }
            if (!read) continue
            val note = "${w.id}-$k"
            val email = "${w.id}-${random.nextInt(3)}@x" // the writer's own emails: no unique violation
            val mayConflict = w.unknown.any { it.second == w.returned.size }
            w.calls++
            try {
                val got = if (current != null && random.nextInt(3) == 0) {
                    store.update(w.id, mapOf("note" to note, "email" to email, "score" to k.toLong()))!!
                } else {
                    store.save(Account(w.id, "t${random.nextInt(3)}", listOf(null, "a", "b").random(random), email,
                        k.toLong(), current?.version() ?: 0L, note))
                }
                withClue("write $note after $current") {
                    got.version() shouldBe (current?.version() ?: 0L) + 1
                    got.note() shouldBe note
                }
                w.returned += got
            } catch (e: DsOutcomeUnknownException) {
                w.unknown += note to w.returned.size
            } catch (e: DsConnectionException) {
                w.failed += note
            } catch (e: DsConflictException) {
                withClue("conflict on ${w.id} with no write of unknown outcome before it: $e") { mayConflict shouldBe true }
                w.conflicts++
            }
        }
        mine
    }.flatten()

/** Checks what [writers] saw against the store [name], once the fault is over. */
private fun check(ds: Ds, name: String, store: ObjectStore<Account>, writers: List<Writer>) {
    val feed = feed(ds, name)
    val finals = store.getAll(writers.map { it.id })
    for (w in writers) {
        val final = finals.find { it.id() == w.id }
        withClue("object ${w.id}: returned ${w.returned.map { it.note() + "@" + it.version() }}, unknown ${w.unknown}, " +
                "failed ${w.failed}, final $final") {
            // The feed has one entry per applied write: versions 1, 2, 3... with none twice.
            val versions = feed.filter { it.first == w.id }.map { it.third }
            versions shouldBe (1L..versions.size).toList()
            (final?.version() ?: 0L) shouldBe versions.size.toLong()
            // Each write that returned was applied once, at the version it returned, in order.
            w.returned.map { it.version() } shouldBe w.returned.map { it.version() }.sorted().distinct()
            val last = w.returned.lastOrNull()
            if (last != null) {
                final!!.version() shouldBeGreaterThanOrEqual last.version()
                val after = w.unknown.filter { it.second == w.returned.size }.map { it.first }
                (final.version() - last.version()) shouldBeLessThanOrEqual after.size.toLong()
                if (after.isEmpty()) final shouldBe last else final.note() shouldBeIn (after + last.note())
            } else if (final != null) {
                final.note() shouldBeIn w.unknown.map { it.first }
            }
            // A write that failed with nothing written is not what the object holds.
            if (final != null) w.failed shouldNotContain final.note()
            final?.note()?.shouldStartWith("${w.id}-")
        }
    }
    assertIndexesMatch(store, finals)
    println("ObjectStoreFaultTest $name: returned ${writers.sumOf { it.returned.size }}, unknown " +
        "${writers.sumOf { it.unknown.size }}, failed ${writers.sumOf { it.failed.size }}, conflicts " +
        "${writers.sumOf { it.conflicts }}")
    writers.sumOf { it.returned.size } shouldBeGreaterThan writers.size // the writers got through
}
