package io.dstruct

import io.dstruct.scripts.DsScript
import io.dstruct.scripts.ScriptReplyException
import io.dstruct.scripts.ScriptRunner
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.api.RScript
import org.redisson.client.codec.ByteArrayCodec
import org.redisson.client.codec.StringCodec
import java.util.concurrent.ExecutionException

/** The bitmap and id-map scripts on their own, through ScriptRunner: checks, growth, and the temporary key. */
class BitmapScriptsTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val runner = ScriptRunner(ds.redisson())
    fun <T : Any> run(op: DsScript, reply: RScript.ReturnType, keys: List<String>, vararg args: Any): T? =
        try {
            runner.run<T>(op, reply, keys, *args).toCompletableFuture().get()
        } catch (e: ExecutionException) {
            throw e.cause!!
        }
    fun keysOf(name: String): Set<String> = ds.redisson().keys.getKeysByPattern("{$name}:*").toSet()
    val settings = "zone=Z firstDayOfWeek=MONDAY"
    /** Runs bitmap_add on the temporary key and slots [keys], with the meta key of the same name and [settings]. */
    fun add(keys: List<String>, vararg args: Any): Long? {
        val meta = keys[0].replace(":bitmap:tmp", ":bitmap:meta")
        return run(DsScript.BITMAP_ADD, RScript.ReturnType.LONG, listOf(keys[0], meta) + keys.drop(1), settings, *args)
    }
    fun exists(key: String): Boolean = ds.redisson().keys.countExists(key) == 1L

    test("add_badIdOrExpiry_badArg_nothingWritten") {
        val n = TestRedis.namespace("s")
        val keys = listOf("{$n}:bitmap:tmp", "{$n}:bitmap:day:a", "{$n}:bitmap:day:b")
        for (args in listOf(arrayOf<Any>(0, 0, 1, -1), arrayOf<Any>(0, 0, 4294967296L), arrayOf<Any>(0, 0, "x"),
                arrayOf<Any>(0, 0, 1.5), arrayOf<Any>(-5, 0, 1), arrayOf<Any>(0, 0))) {
            shouldThrow<ScriptReplyException> { add(keys, *args) }
                .code() shouldBe "BADARG"
        }
        keysOf(n) shouldBe emptySet()
        add(keys, 0, 0, 7, 0, 7) shouldBe 2L
    }

    test("add_expiredSlotSkipped_liveSlotWritten") {
        val n = TestRedis.namespace("s")
        val keys = listOf("{$n}:bitmap:tmp", "{$n}:bitmap:day:old", "{$n}:bitmap:day:new")
        val future = System.currentTimeMillis() + 60_000
        add(keys, 1_000, future, 5) shouldBe 1L
        keysOf(n) shouldBe setOf(keys[2], "{$n}:bitmap:meta")
        ds.redisson().getBucket<Any>(keys[2]).remainTimeToLive() shouldBeInRange 50_000L..60_000L
    }

    test("add_growth_keepsTtl_ignoresLeftoverTempKey_andDeletesIt") {
        val n = TestRedis.namespace("s")
        val tmp = "{$n}:bitmap:tmp"
        val slot = "{$n}:bitmap:day:x"
        add(listOf(tmp, slot), 0, 3) shouldBe 1L
        ds.redisson().getBucket<Any>(slot).expire(java.time.Duration.ofMinutes(5))
        ds.redisson().getBucket<ByteArray>(tmp, ByteArrayCodec.INSTANCE).set(ByteArray(4000) { -1 })  // a leftover full of ones
        add(listOf(tmp, slot), 0, 20_000) shouldBe 1L
        ds.redisson().getBitSet(slot).cardinality() shouldBe 2L
        exists(tmp) shouldBe false
        ds.redisson().getBucket<Any>(slot).remainTimeToLive() shouldBeInRange 250_000L..300_000L
        // the string fills its allocation class: 2,501 bytes needed, 2,544 kept (2,560 with the header)
        ds.redisson().getBitSet(slot).length() shouldBe 20_001L
        ds.redisson().getBucket<ByteArray>(slot, ByteArrayCodec.INSTANCE).size() shouldBe 2_544L
    }

    test("combineCount_badOp_badArg_andTempKeyNeverLeft") {
        val n = TestRedis.namespace("s")
        val keys = listOf("{$n}:bitmap:tmp", "{$n}:bitmap:day:a", "{$n}:bitmap:day:b")
        shouldThrow<ScriptReplyException> { run<Long>(DsScript.BITMAP_COMBINE_COUNT, RScript.ReturnType.LONG, keys, "XOR") }
            .code() shouldBe "BADARG"
        shouldThrow<ScriptReplyException> { run<Long>(DsScript.BITMAP_COMBINE_COUNT, RScript.ReturnType.LONG, keys.take(1), "OR") }
            .code() shouldBe "BADARG"
        add(listOf(keys[0], keys[1]), 0, 1, 2, 3)
        add(listOf(keys[0], keys[2]), 0, 3, 4)
        run<Long>(DsScript.BITMAP_COMBINE_COUNT, RScript.ReturnType.LONG, keys, "OR") shouldBe 4L
        run<Long>(DsScript.BITMAP_COMBINE_COUNT, RScript.ReturnType.LONG, keys, "AND") shouldBe 1L
        run<List<Long>>(DsScript.BITMAP_COHORT, RScript.ReturnType.LIST, keys) shouldBe listOf(3L, 1L)
        shouldThrow<ScriptReplyException> { run<List<Long>>(DsScript.BITMAP_COHORT, RScript.ReturnType.LIST, keys.take(1)) }
            .code() shouldBe "BADARG"
        keysOf(n) shouldBe setOf(keys[1], keys[2], "{$n}:bitmap:meta")
    }

    test("rollup_badExpiry_badArg_pastExpiry_notWritten") {
        val n = TestRedis.namespace("s")
        val keys = listOf("{$n}:bitmap:day:d", "{$n}:bitmap:hour:h")
        add(listOf("{$n}:bitmap:tmp", keys[1]), 0, 8)
        shouldThrow<ScriptReplyException> { run<Long>(DsScript.BITMAP_ROLLUP, RScript.ReturnType.LONG, keys, "-1") }
            .code() shouldBe "BADARG"
        run<Long>(DsScript.BITMAP_ROLLUP, RScript.ReturnType.LONG, keys, 1_000) shouldBe 0L
        exists(keys[0]) shouldBe false
        run<Long>(DsScript.BITMAP_ROLLUP, RScript.ReturnType.LONG, keys, 0) shouldBe 1L
    }

    test("idMap_noString_badArg_duplicatesInOneCall_sameNumber") {
        val n = TestRedis.namespace("s")
        val keys = listOf("{$n}:idmap:forward", "{$n}:idmap:reverse", "{$n}:idmap:next")
        shouldThrow<ScriptReplyException> { run<List<Long>>(DsScript.ID_MAP, RScript.ReturnType.LIST, keys) }
            .code() shouldBe "BADARG"
        run<List<Long>>(DsScript.ID_MAP, RScript.ReturnType.LIST, keys, "a", "b", "a", "") shouldBe listOf(0L, 1L, 0L, 2L)
        ds.redisson().getBucket<String>(keys[2], StringCodec.INSTANCE).get() shouldBe "3"
        val e = shouldThrow<ScriptReplyException> {
            ds.redisson().getBucket<String>(keys[2], StringCodec.INSTANCE).set("x")
            run<List<Long>>(DsScript.ID_MAP, RScript.ReturnType.LIST, keys, "c")
        }
        e.shouldBeInstanceOf<ScriptReplyException>().code() shouldBe "NOTINTEGER"
    }
})
