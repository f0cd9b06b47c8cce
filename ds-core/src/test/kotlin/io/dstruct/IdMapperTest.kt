package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.client.codec.ByteArrayCodec
import org.redisson.client.codec.StringCodec
import java.util.concurrent.CompletionException
import java.util.concurrent.TimeUnit

/** Dense numbers for strings: stable, gap-free, agreed on by every thread, and reversible. */
class IdMapperTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    /** Every key of the mapper [name] with a dump of its value, to check that a refused call wrote nothing. */
    fun keysAndValues(name: String): Map<String, String> =
        ds.redisson().keys.getKeysByPattern("{$name}:*").associateWith { key ->
            ds.redisson().getBucket<ByteArray>(key, ByteArrayCodec.INSTANCE).dump().joinToString(",")
        }

    test("idOf_sameString_sameNumber_denseFromZero") {
        val m = ds.idMapper(TestRedis.namespace("map"))
        m.idOf("ada") shouldBe 0
        m.idOf("bob") shouldBe 1
        m.idOf("ada") shouldBe 0
        m.idOf("") shouldBe 2
        m.idOf("ünïcødé ✓") shouldBe 3
        m.size() shouldBe 4
        m.stringOf(3) shouldBe "ünïcødé ✓"
        m.stringOf(2) shouldBe ""
    }

    test("findId_neverAssigns_stringOf_unknownIsNull") {
        val m = ds.idMapper(TestRedis.namespace("find"))
        m.findId("x") shouldBe null
        m.size() shouldBe 0
        m.idOf("x") shouldBe 0
        m.findId("x") shouldBe 0L
        m.stringOf(0) shouldBe "x"
        m.stringOf(1) shouldBe null
        m.stringOf(-1) shouldBe null
    }

    test("idsOf_batch_inOrder_withDuplicates") {
        val m = ds.idMapper(TestRedis.namespace("batch"))
        m.idOf("c")
        m.idsOf(listOf("a", "b", "c", "a")).toList() shouldBe listOf(1L, 2L, 0L, 1L)
        m.idsOf(emptyList()).size shouldBe 0
        m.size() shouldBe 3
    }

    test("threads_8mapTheSame2000Strings_allAgree_dense0ToN") {
        val m = ds.idMapper(TestRedis.namespace("threads"))
        val strings = (0 until 2000).map { "user-$it@example.com" }
        val views = onThreads(8) { seed ->
            val order = strings.shuffled(kotlin.random.Random(seed))
            val single = order.take(1000).associateWith { m.idOf(it) }
            val rest = order.drop(1000).chunked(100).flatMap { chunk -> chunk.zip(m.idsOf(chunk).toList()) }
            single + rest
        }
        views.forEach { it shouldBe views[0] }
        views[0].values.toSet() shouldBe (0L until 2000L).toSet()
        m.size() shouldBe 2000
        for ((s, id) in views[0]) m.stringOf(id) shouldBe s
    }

    test("corruptStoredNumber_codecExceptionNamingTheKey_andNothingWritten") {
        for (stored in listOf("abc", "7.5", "-3", "")) {
            val m = ds.idMapper(TestRedis.namespace("corrupt"))
            m.idsOf(listOf("ada", "bob")).toList() shouldBe listOf(0L, 1L)
            val forward = "{${m.name()}}:idmap:forward"
            ds.redisson().getMap<String, String>(forward, StringCodec.INSTANCE)["bob"] = stored
            val before = keysAndValues(m.name())
            val calls: List<Pair<String, () -> Any?>> = listOf(
                "idOf" to { m.idOf("bob") },
                "idsOf" to { m.idsOf(listOf("cy", "bob", "dan")) },
                "findId" to { m.findId("bob") },
                "async idsOf" to { m.async().idsOf(listOf("bob")).toCompletableFuture().join() },
            )
            for ((what, call) in calls) {
                withClue("$what with '$stored'") {
                    val e = shouldThrow<Exception> { call() }.let { if (it is CompletionException) it.cause!! else it }
                    e.shouldBeInstanceOf<DsCodecException>().key() shouldBe forward
                    e.message shouldContain forward
                    keysAndValues(m.name()) shouldBe before
                }
            }
            m.idOf("ada") shouldBe 0L                  // numbers that are fine still read
        }
    }

    test("corruptCount_codecExceptionNamingTheNextKey_andNothingWritten") {
        val m = ds.idMapper(TestRedis.namespace("corruptnext"))
        m.idOf("ada")
        val next = "{${m.name()}}:idmap:next"
        ds.redisson().getBucket<String>(next, StringCodec.INSTANCE).set("1.5")
        val before = keysAndValues(m.name())
        shouldThrow<DsCodecException> { m.idOf("bob") }.key() shouldBe next
        keysAndValues(m.name()) shouldBe before
    }

    test("delete_removesAllThreeKeys_andNumberingStartsAgain") {
        val m = ds.idMapper(TestRedis.namespace("delete"))
        m.delete() shouldBe false
        m.idsOf(listOf("a", "b"))
        m.delete() shouldBe true
        ds.redisson().keys.getKeysByPattern("{${m.name()}}:*").toList() shouldBe emptyList()
        m.idOf("b") shouldBe 0L
        m.async().delete().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe true
    }

    test("delete_aKeyOfAnotherType_givesWrongType_andDeletesNone") {
        val m = ds.idMapper(TestRedis.namespace("deletetype"))
        m.idsOf(listOf("a", "b"))
        val reverse = "{${m.name()}}:idmap:reverse"
        ds.redisson().keys.delete(reverse)
        ds.redisson().getList<String>(reverse, StringCodec.INSTANCE).add("x")
        val before = keysAndValues(m.name())
        shouldThrow<DsWrongTypeException> { m.delete() }.key() shouldBe reverse
        keysAndValues(m.name()) shouldBe before
    }
})

