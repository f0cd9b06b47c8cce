package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.util.concurrent.CompletionException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.io.path.readLines

class IdGeneratorTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun counterOf(g: IdGenerator): String? = ds.redisson().getBucket<String>(g.redisKey(), StringCodec.INSTANCE).get()

    test("nextId_startsAtFirstId_increases_andReservesWholeBlocks") {
        val g = ds.idGenerator(TestRedis.namespace("ids"), IdGeneratorOptions.defaults().withBlockSize(10).withFirstId(100))
        (1..25).map { g.nextId() } shouldBe (100L..124L).toList()
        // 3 blocks used; the next one is reserved ahead once half of the 3rd was taken (it may still be on its way,
        // and it may be a bigger block if these calls outran the prefetch).
        (counterOf(g)!!.toLong() >= 129L) shouldBe true
        g.redisKey() shouldBe "{${g.name()}}:id"
    }

    test("twoGenerators_sameName_neverOverlap") {
        val name = TestRedis.namespace("shared")
        val a = ds.idGenerator(name)
        val b = ds.idGenerator(name)
        val ids = (1..3000).flatMap { listOf(a.nextId(), b.nextId()) }
        ids.toSet().size shouldBe ids.size
    }

    test("threads_8x100000_uniqueAndIncreasingPerThread") {
        val g = ds.idGenerator(TestRedis.namespace("threads"))
        val perThread = onThreads(8) { LongArray(100_000) { g.nextId() } }
        perThread.forEach { ids -> (1 until ids.size).all { ids[it] > ids[it - 1] } shouldBe true }
        perThread.flatMap { it.toList() }.toSet().size shouldBe 800_000
    }

    test("nextIdsAmongNextId_4threads_idsIncreaseInTheOrderCallsReturn") {
        // Small blocks and ranges that often need a fresh block: fresh ranges and prefetched blocks race.
        val g = ds.idGenerator(TestRedis.namespace("mixed"), IdGeneratorOptions.defaults().withBlockSize(20))
        data class Call(val start: Long, val end: Long, val first: Long, val last: Long)
        val calls = onThreads(4) {
            val random = java.util.Random()
            List(5_000) {
                val start = System.nanoTime()
                val range = if (random.nextInt(4) == 0) g.nextIds(1 + random.nextInt(30)) else g.nextId().let { IdRange(it, it) }
                Call(start, System.nanoTime(), range.first(), range.last())
            }
        }.flatten()
        val ids = calls.flatMap { (it.first..it.last).toList() }
        ids.toSet().size shouldBe ids.size
        // A call that began after another had returned got larger ids, whichever threads made them.
        val byEnd = calls.sortedBy { it.end }
        val highestBefore = LongArray(byEnd.size).also { h -> byEnd.forEachIndexed { i, c -> h[i] = maxOf(c.last, if (i > 0) h[i - 1] else Long.MIN_VALUE) } }
        val late = calls.filter { c ->
            val before = byEnd.binarySearchBy(c.start) { it.end }.let { if (it >= 0) it - 1 else -it - 2 }
            before >= 0 && highestBefore[before] >= c.first
        }
        late shouldBe emptyList()
    }

    test("processes_4jvmsX4threads_1000000ids_noDuplicate") {
        val name = TestRedis.namespace("procs")
        val dir = Files.createTempDirectory("ds-ids")
        val java = ProcessHandle.current().info().command().orElse("java")
        val cp = System.getProperty("java.class.path")
        val processes = (1..4).map { p ->
            ProcessBuilder(java, "-cp", cp, IdWorker::class.java.name, TestRedis.uri(), name, "4", "62500", dir.resolve("p$p.txt").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("p$p.log").toFile()).start()
        }
        processes.forEachIndexed { i, p ->
            p.waitFor(5, TimeUnit.MINUTES) shouldBe true
            withClue(dir.resolve("p${i + 1}.log").toFile().readText()) { p.exitValue() shouldBe 0 }
        }
        val all = HashSet<Long>(1_100_000)
        var total = 0
        for (p in 1..4) for (line in dir.resolve("p$p.txt").readLines()) { all.add(line.toLong()); total++ }
        total shouldBe 1_000_000
        all.size shouldBe 1_000_000
    }

    test("redisRestartMidRun_withPersistence_noDuplicateNoReuse") {
        val dir = Files.createTempDirectory("ds-aof")
        EmbeddedRedis.startPersistent(dir).use { server ->
            Ds.connect(server.uri()).use { own ->
                val g = own.idGenerator("restart", IdGeneratorOptions.defaults().withBlockSize(50))
                val seen = ConcurrentHashMap.newKeySet<Long>()
                val duplicates = ConcurrentHashMap.newKeySet<Long>()
                val stop = AtomicBoolean(false)
                val pool = Executors.newFixedThreadPool(4)
                val workers = (1..4).map {
                    pool.submit {
                        var last = 0L
                        while (!stop.get()) {
                            val id = try { g.nextId() } catch (e: DsException) { Thread.sleep(20); continue }
                            if (id <= last || !seen.add(id)) duplicates.add(id)
                            last = id
                        }
                    }
                }
                Thread.sleep(300)
                server.restart()
                Thread.sleep(1_500)
                stop.set(true)
                workers.forEach { it.get(1, TimeUnit.MINUTES) }
                pool.shutdownNow()
                duplicates shouldBe emptySet()
                (seen.size > 1000) shouldBe true
            }
        }
    }

    test("redisRestartWithoutPersistence_clientNeverGoesBack") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { own ->
                val g = own.idGenerator("lost", IdGeneratorOptions.defaults().withBlockSize(10))
                val before = (1..35).map { g.nextId() }
                server.restart() // the counter is gone
                var after = 0L
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
                while (after == 0L && System.nanoTime() < deadline) {
                    try { after = g.nextId() } catch (e: DsException) { Thread.sleep(50) } // reconnecting
                }
                (after > before.last()) shouldBe true
            }
        }
    }

    test("nextIds_contiguous_fromCurrentBlockOrFresh") {
        val g = ds.idGenerator(TestRedis.namespace("ranges"), IdGeneratorOptions.defaults().withBlockSize(100))
        val first = g.nextId()
        val small = g.nextIds(10)
        small shouldBe IdRange(first + 1, first + 10)
        val big = g.nextIds(500)
        big.size() shouldBe 500L
        (big.first() > small.last()) shouldBe true
        val next = g.nextId()
        (next > big.last()) shouldBe true
        big.stream().count() shouldBe 500L
        big.toList().first() shouldBe big.first()
    }

    test("async_matchesBlocking") {
        val g = ds.idGenerator(TestRedis.namespace("async"), IdGeneratorOptions.defaults().withBlockSize(5))
        val ids = (1..23).map { g.async().nextId().toCompletableFuture().get(10, TimeUnit.SECONDS) }
        ids shouldBe (1L..23L).toList()
        g.async().nextIds(3).toCompletableFuture().get().size() shouldBe 3L
    }

    test("badInput_refused_nothingWritten") {
        shouldThrow<DsInvalidArgumentException> { IdGeneratorOptions.defaults().withBlockSize(0) }
        shouldThrow<DsInvalidArgumentException> { IdGeneratorOptions.defaults().withBlockSize(-5) }
        shouldThrow<DsInvalidArgumentException> { IdGeneratorOptions.defaults().withFirstId(-1) }
        shouldThrow<DsInvalidArgumentException> { ds.idGenerator("") }
        shouldThrow<DsInvalidArgumentException> { ds.idGenerator("a{b") }
        shouldThrow<DsInvalidArgumentException> { ds.idGenerator(TestRedis.namespace("n")).nextIds(0) }
        val name = TestRedis.namespace("wrongtype")
        ds.redisson().getMap<String, String>("{$name}:id", StringCodec.INSTANCE).put("f", "v")
        val e = shouldThrow<DsWrongTypeException> { ds.idGenerator(name).nextId() }
        e.key() shouldBe "{$name}:id"
        ds.redisson().getMap<String, String>("{$name}:id", StringCodec.INSTANCE).readAllMap() shouldBe mapOf("f" to "v")
        val text = TestRedis.namespace("text")
        ds.redisson().getBucket<String>("{$text}:id", StringCodec.INSTANCE).set("abc")
        shouldThrow<DsCodecException> { ds.idGenerator(text).nextId() }.message shouldContain "{$text}:id"
        ds.redisson().getBucket<String>("{$text}:id", StringCodec.INSTANCE).get() shouldBe "abc"
    }

    test("atTheLargestId_handsOutMaxId_thenRefuses_andTheCounterStays") {
        val max = IdGeneratorOptions.MAX_ID
        val g = ds.idGenerator(TestRedis.namespace("max"), IdGeneratorOptions.defaults().withFirstId(max))
        g.nextId() shouldBe max                    // the last block is cut short to the one id left
        counterOf(g) shouldBe max.toString()
        repeat(2) {
            shouldThrow<DsException> { g.nextId() }.message shouldContain "ids left"
            counterOf(g) shouldBe max.toString()   // a refused reservation writes nothing
        }
        shouldThrow<DsException> { g.nextIds(1) }
        counterOf(g) shouldBe max.toString()
    }

    test("nearTheLargestId_aRangeThatDoesNotFit_isRefused_andASmallerOneStillFits") {
        val max = IdGeneratorOptions.MAX_ID
        val g = ds.idGenerator(TestRedis.namespace("nearmax"), IdGeneratorOptions.defaults().withFirstId(max - 9))
        shouldThrow<DsException> { g.nextIds(11) }
        counterOf(g) shouldBe null                 // not even created
        g.nextIds(10) shouldBe IdRange(max - 9, max)
        counterOf(g) shouldBe max.toString()
        shouldThrow<CompletionException> { g.async().nextId().toCompletableFuture().join() }.cause.shouldBeInstanceOf<DsException>()
        counterOf(g) shouldBe max.toString()
    }

    test("delete_removesTheCounter_keyOfAnotherType_isRefused") {
        val g = ds.idGenerator(TestRedis.namespace("delete"))
        g.delete() shouldBe false
        g.nextId() shouldBe 1L
        g.delete() shouldBe true
        counterOf(g) shouldBe null
        g.async().delete().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe false
        val name = TestRedis.namespace("deletetype")
        val hash = ds.redisson().getMap<String, String>("{$name}:id", StringCodec.INSTANCE)
        hash["f"] = "v"
        shouldThrow<DsWrongTypeException> { ds.idGenerator(name).delete() }.key() shouldBe "{$name}:id"
        hash.readAllMap() shouldBe mapOf("f" to "v")
    }

    test("options_equalByValue_andPrintTheirSettings") {
        val o = IdGeneratorOptions.defaults().withBlockSize(10).withFirstId(5)
        o shouldBe IdGeneratorOptions.defaults().withFirstId(5).withBlockSize(10)
        o.hashCode() shouldBe IdGeneratorOptions.defaults().withFirstId(5).withBlockSize(10).hashCode()
        (o == IdGeneratorOptions.defaults()) shouldBe false
        o.toString() shouldBe "IdGeneratorOptions[blockSize=10, firstId=5]"
        shouldThrow<DsInvalidArgumentException> { o.withFirstId(IdGeneratorOptions.MAX_ID + 1) }
    }
})
