package io.dstruct.coroutines

import io.dstruct.Ds
import io.dstruct.IdGeneratorOptions
import io.dstruct.IdRange
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withContext

class CoIdGeneratorTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun generator(prefix: String, block: Int = 10) =
        ds.coIdGenerator(TestRedis.namespace(prefix), IdGeneratorOptions.defaults().withBlockSize(block))

    test("nextId_andNextIds_suspendAcrossBlocks") {
        val g = generator("co-ids")
        (1..25).map { g.nextId() } shouldBe (1L..25L).toList()
        g.nextIds(3) shouldBe IdRange(26, 28)
        g.toString() shouldBe "CoIdGenerator(${g.blocking.redisKey()})"
        val name = TestRedis.namespace("co-default")
        ds.coIdGenerator(name).nextIds(1_000) shouldBe IdRange(1, 1_000) // one default block
        ds.idGenerator(name).coroutines().nextId() shouldBe 1_001L
    }

    test("ids_flow_isIncreasingAndEndless") {
        val g = generator("co-flow", block = 7)
        g.ids().take(50).toList() shouldBe (1L..50L).toList()
        g.nextId() shouldBe 51L
    }

    test("manyCoroutines_getDistinctIds") {
        val g = generator("co-many", block = 100)
        val ids = withContext(Dispatchers.Default) {
            (1..8).map { async { (1..2_000).map { g.nextId() } } }.awaitAll().flatten()
        }
        ids.toSet().size shouldBe 16_000
    }

    test("delete_removesTheCounter") {
        val g = generator("co-delete", block = 10)
        g.nextId() shouldBe 1L
        g.delete() shouldBe true
        g.delete() shouldBe false
    }
})
