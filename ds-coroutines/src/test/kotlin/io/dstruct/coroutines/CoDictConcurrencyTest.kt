package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

/** Atomic operations from many coroutines at once: no lost update. */
class CoDictConcurrencyTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("merge_8coroutinesX1000_exactTotal") {
        val d = ds.coDict(TestRedis.namespace("comerge"), Codecs.longs())
        coroutineScope {
            repeat(8) {
                launch(Dispatchers.Default) {
                    repeat(1_000) { d.merge("total", 1L, Long::plus) }
                }
            }
        }
        d["total"] shouldBe 8_000L
    }

    test("putIfAbsent_8coroutines_exactlyOneWinsPerKey") {
        val d = ds.coDict(TestRedis.namespace("copia"), Codecs.longs())
        val wins = IntArray(8)
        coroutineScope {
            repeat(8) { c ->
                launch(Dispatchers.Default) {
                    for (i in 0 until 200) if (d.putIfAbsent("k$i", c.toLong()) == null) wins[c]++
                }
            }
        }
        wins.sum() shouldBe 200
        d.size() shouldBe 200
    }
})
