package io.dstruct

import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** The factories of Ds send nothing to Redis: a structure talks to Redis on its first operation. */
class FactoriesTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    /** Calls per command since the server started (INFO commandstats), without INFO itself and PING. */
    fun calls(): Map<String, Long> =
        RedisUri(TestRedis.uri()).let { CommandCalls.of(it.host(), it.port()) }.filterKeys { it != "info" && it != "ping" }

    test("factories_sendNoCommand") {
        val name = TestRedis.namespace("lazy")
        val before = calls()
        ds.counter("$name-counter", 5)
        ds.idGenerator("$name-ids")
        ds.idGenerator("$name-ids", IdGeneratorOptions.defaults().withFirstId(7))
        ds.bitmapCounter("$name-bits", Resolution.DAY)
        ds.bitmapCounter("$name-bits", BitmapCounterOptions.of(Resolution.DAY))
        ds.idMapper("$name-map")
        ds.bitmapCounter("$name-bits", Resolution.DAY).idMapper()
        ds.dict("$name-dict")
        ds.hashDict("$name-hash")
        ds.list("$name-list")
        ds.topic("$name-topic")
        ds.topic("$name-topic", Codecs.string())
        ds.connector("$name-connector")
        ds.connector("$name-connector", Codecs.string(), ConnectorOptions.defaults().withMaxAttempts(2))
        calls() shouldBe before
    }

    test("counter_seedHolds_afterALazyOpen") {
        val name = TestRedis.namespace("seed")
        val first = ds.counter(name, 10)
        val second = ds.counter(name, 99)   // opened before anything exists: still no reset later
        first.get() shouldBe 10L
        first.next() shouldBe 11L
        second.get() shouldBe 11L
        second.next() shouldBe 12L
        ds.counter(name, 0).next(5) shouldBe 17L
    }
})
