package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Dense numbers for strings: stable, gap-free, agreed on by every thread, and reversible. */
class IdMapperTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

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
})
