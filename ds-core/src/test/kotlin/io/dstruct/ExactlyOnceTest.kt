package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.redisson.config.Config
import org.redisson.config.ConstantDelay
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * Every write is applied once, or its caller is told the outcome is unknown: checked under real faults (a paused
 * server, killed connections, flushed scripts, lost replies), never a mock.
 */
class ExactlyOnceTest : FunSpec({

    /** A Ds whose Redisson client would resend every command 4 times, 5 ms apart, as a user might configure it. */
    fun connect(uri: String, timeoutMs: Int): Ds = Ds.connect(Config().apply {
        useSingleServer().setAddress(uri).setTimeout(timeoutMs).setRetryAttempts(4)
            .setRetryDelay(ConstantDelay(Duration.ofMillis(5)))
    })

    fun admin(server: EmbeddedRedis) = Resp("127.0.0.1", server.port())

    /** Counts how calls ended: with a result, with an unknown outcome, or with another ds failure (nothing written). */
    class Tally {
        val ok = AtomicInteger()
        val unknown = AtomicInteger()
        val failed = AtomicInteger()

        fun <T> run(op: () -> T): Result<T>? = try {
            Result.success(op()).also { ok.incrementAndGet() }
        } catch (e: DsOutcomeUnknownException) {
            unknown.incrementAndGet()
            null
        } catch (e: DsException) {
            failed.incrementAndGet()
            null
        }

        /** The value of a counter that each successful call raised by one: between the successes and those plus the unknowns. */
        fun check(value: Long) {
            withClue("ok=$ok unknown=$unknown failed=$failed value=$value") {
                value shouldBeGreaterThanOrEqual ok.get().toLong()
                value shouldBeLessThanOrEqual (ok.get() + unknown.get()).toLong()
            }
        }
    }

    test("merge_pausedServerShortTimeout_everyApplyIsAccountedFor") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 10).use { ds ->
                val d = ds.dict("paused", Codecs.longs())
                val h = ds.hashDict("paused", Codecs.longs())
                val stop = AtomicBoolean()
                val pausing = CountDownLatch(1)
                val pauser = thread {
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("DEBUG", "SLEEP", "0.015"))
                            pausing.countDown()
                            Thread.sleep(10)
                        }
                    }
                }
                pausing.await(10, TimeUnit.SECONDS) shouldBe true // the merges start under the fault, not before it
                val dicts = Tally()
                val hashes = Tally()
                var rounds = 0
                // At least 150 rounds, and more (a bounded number) until a reply has been lost.
                while (rounds < 150 || (dicts.unknown.get() + hashes.unknown.get() == 0 && rounds < 3_000)) {
                    dicts.run { d.merge("n", 1L, Long::plus) }
                    hashes.run { h.merge("n", 1L, Long::plus) }
                    rounds++
                }
                stop.set(true)
                pauser.join()
                dicts.check(d["n"] ?: 0L)
                hashes.check(h["n"] ?: 0L)
                (dicts.unknown.get() + hashes.unknown.get()) shouldBeGreaterThan 0 // the fault did hit writes
            }
        }
    }

    test("mergeAndPutIfAbsent_clientKillEvery150ms_noEffectUnaccountedFor") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 1_000).use { ds ->
                val d = ds.dict("killed", Codecs.longs())
                val kills = AtomicInteger()
                val killed = AtomicInteger()
                val killer = thread {
                    admin(server).use { r ->
                        while (kills.get() < 12) {
                            Thread.sleep(150)
                            val n = r.call(listOf("CLIENT", "KILL", "TYPE", "normal")) // SKIPME yes: not this connection
                            killed.addAndGet((n as Long).toInt())
                            kills.incrementAndGet()
                        }
                    }
                }
                val merges = Tally()
                val winners = ConcurrentHashMap<Int, MutableSet<Long>>()
                val unknowns = ConcurrentHashMap<Int, MutableSet<Long>>()
                val losers = ConcurrentHashMap<Int, MutableSet<Pair<Long, Long>>>()
                onThreads(4) { t ->
                    val me = t.toLong()
                    var i = 0
                    while (killer.isAlive) {
                        merges.run { d.merge("total", 1L, Long::plus) }
                        val key = i++
                        try {
                            val old = d.putIfAbsent("k$key", me)
                            if (old == null) {
                                winners.computeIfAbsent(key) { ConcurrentHashMap.newKeySet() }.add(me)
                            } else {
                                losers.computeIfAbsent(key) { ConcurrentHashMap.newKeySet() }.add(me to old)
                            }
                        } catch (e: DsOutcomeUnknownException) {
                            unknowns.computeIfAbsent(key) { ConcurrentHashMap.newKeySet() }.add(me)
                        } catch (e: DsException) {
                            // nothing written
                        }
                    }
                }
                merges.check(d["total"] ?: 0L)
                val tried = winners.keys + unknowns.keys + losers.keys
                for (key in tried) {
                    val stored = d["k$key"]
                    val won = winners[key].orEmpty()
                    withClue("k$key stored=$stored winners=$won unknown=${unknowns[key]} losers=${losers[key]}") {
                        won.size shouldBeLessThanOrEqual 1
                        if (won.isNotEmpty()) stored shouldBe won.first()
                        if (stored == null) won.size shouldBe 0
                        if (stored != null && won.isEmpty()) (unknowns[key].orEmpty().contains(stored)) shouldBe true
                        losers[key].orEmpty().forEach { (me, old) -> old shouldNotBe me; old shouldBe stored }
                    }
                }
                killed.get() shouldBeGreaterThan 0 // the fault was real: connections in use were cut
                merges.ok.get() shouldBeGreaterThan 0
            }
        }
    }

    test("everyWrite_scriptFlushEvery2ms_noNoScriptFailure") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val ns = "flushed"
                val d = ds.dict(ns, Codecs.longs())
                val keepTtl = ds.dict("$ns-ttl", Codecs.longs(),
                    DictOptions.defaults().withDefaultTtl(Duration.ofMinutes(5)).withKeepTtlOnUpdate(true))
                val h = ds.hashDict(ns, Codecs.longs())
                val stop = AtomicBoolean()
                val flushes = AtomicInteger()
                val flusher = thread {
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("SCRIPT", "FLUSH"))
                            flushes.incrementAndGet()
                            Thread.sleep(2)
                        }
                    }
                }
                val failures = AtomicInteger()
                try {
                    onThreads(4) { t ->
                        repeat(400) { i ->
                            try {
                                d.put("p$t", i.toLong())
                                d.merge("m", 1L, Long::plus)
                                h.merge("m", 1L, Long::plus)
                                if (i % 20 == 0) keepTtl.batch { b -> b.put("b$t", i.toLong()) }
                            } catch (e: DsException) {
                                failures.incrementAndGet()
                            }
                        }
                    }
                } finally {
                    stop.set(true)
                    flusher.join()
                }
                failures.get() shouldBe 0
                d["m"] shouldBe 1_600L
                h["m"] shouldBe 1_600L
                (0 until 4).forEach { t -> d["p$t"] shouldBe 399L; keepTtl["b$t"] shouldBe 380L }
                flushes.get() shouldBeGreaterThan 0
            }
        }
    }

    test("asyncMerge_800InFlightOnOneKey_exactTotalAtAFewCommandsEach") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val d = ds.dict("inflight", Codecs.longs())
                val h = ds.hashDict("inflight", Codecs.longs())
                d["warm"] = 0L // loads the scripts
                h["warm"] = 0L
                admin(server).use { it.call(listOf("CONFIG", "RESETSTAT")) }
                val stages = (1..800).flatMap {
                    listOf(d.async().merge("total", 1L, Long::plus), h.async().merge("total", 1L, Long::plus))
                }.map { it.toCompletableFuture() }
                stages.forEach { it.get(5, TimeUnit.MINUTES) }
                d["total"] shouldBe 800L
                h["total"] shouldBe 800L
                val stats = CommandCalls.of("127.0.0.1", server.port())
                // Commands inside scripts count too, so count the scripts: one compare-and-set per merge, no lost round.
                val scripts = stats.getValue("evalsha")
                withClue(stats) { scripts shouldBeLessThanOrEqual 1_600L + 10 }
            }
        }
    }

    test("asyncMerge_cancelledWhileQueued_neverRuns") {
        Ds.connect(TestRedis.uri()).use { ds ->
            val d = ds.dict(TestRedis.namespace("cancel"), Codecs.longs())
            d["n"] = 0L
            val release = CountDownLatch(1)
            val first = d.async().merge("n", 1L) { a, b -> release.await(30, TimeUnit.SECONDS); a + b }.toCompletableFuture()
            val bCalls = AtomicInteger()
            val cancelled = d.async().merge("n", 10L) { a, b -> bCalls.incrementAndGet(); a + b }.toCompletableFuture()
            cancelled.cancel(false) shouldBe true
            val last = d.async().merge("n", 100L, Long::plus).toCompletableFuture()
            release.countDown()
            first.get(1, TimeUnit.MINUTES)
            last.get(1, TimeUnit.MINUTES) // queued after the cancelled one, so that one has ended
            shouldThrow<CancellationException> { cancelled.get() }
            bCalls.get() shouldBe 0
            d["n"] shouldBe 101L
        }
    }

    test("merge_anotherClientWinsEveryRound_givesUpWithContentionAndWritesNothing") {
        Ds.connect(TestRedis.uri()).use { ds ->
            Ds.connect(TestRedis.uri()).use { other ->
                val ns = TestRedis.namespace("contention")
                val d = ds.dict(ns, Codecs.longs())
                val rival = other.dict(ns, Codecs.longs())
                d["n"] = 0L
                val calls = AtomicInteger()
                val e = shouldThrow<DsContentionException> {
                    d.merge("n", 1L) { a, b -> rival["n"] = -calls.incrementAndGet().toLong(); a + b }
                }
                e.key() shouldBe "$ns:n"
                d["n"] shouldBe -calls.get().toLong() // the rival's last write, none of ours
                calls.get() shouldBeGreaterThan 1
            }
        }
    }

    test("lostReply_nonIdempotentWriteIsUnknownAndHappened_idempotentOneIsResent") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            connect(proxy.uri(), 500).use { ds ->
                val ns = TestRedis.namespace("lost")
                val d = ds.dict(ns, Codecs.longs())
                d.putIfAbsent("warm", 0L) // loads dict_set, so the next EVALSHA runs it
                proxy.dropNextReply("EVALSHA")
                val e = shouldThrow<DsOutcomeUnknownException> { d.putIfAbsent("k", 7L) }
                e.key() shouldBe "$ns:k"
                e.operation() shouldBe "dict_set"
                proxy.droppedReplies() shouldBe 1
                d["k"] shouldBe 7L // it ran once, and was not sent again
                d.putIfAbsent("k", 8L) shouldBe 7L

                val ids = ds.idMapper(TestRedis.namespace("lost-ids"))
                ids.idOf("warm") shouldBe 0L
                proxy.dropNextReply("EVALSHA")
                ids.idOf("a") shouldBe 1L // id_map is idempotent: sent again, same answer
                proxy.droppedReplies() shouldBe 2
            }
        }
    }
})
