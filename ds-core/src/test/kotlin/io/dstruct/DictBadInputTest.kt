package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec
import java.time.Duration

/** Bad input gets a clear, typed error, and nothing is written. */
class DictBadInputTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    @Suppress("UNCHECKED_CAST")
    fun untyped(d: Dict<*>) = d as MutableMap<String?, Any?>

    test("nullKeyOrValue_throwsNpe_andNothingWritten") {
        val d = ds.dict(TestRedis.namespace("nulls"), Codecs.string())
        val m = untyped(d)
        shouldThrow<NullPointerException> { m.put(null, "x") }
        shouldThrow<NullPointerException> { m.put("a", null) }
        shouldThrow<NullPointerException> { m.putIfAbsent("a", null) }
        shouldThrow<NullPointerException> { m[null] }
        shouldThrow<NullPointerException> { m.containsKey(null) }
        shouldThrow<NullPointerException> { m.remove(null) }
        shouldThrow<NullPointerException> { m.replace("a", null) }
        shouldThrow<NullPointerException> { d.batch { b -> (b as DictBatch<Any?>).put("a", null) } }
        d.isEmpty() shouldBe true
    }

    test("emptyOrBracedNamespace_isRefused") {
        shouldThrow<DsInvalidArgumentException> { ds.dict("") }.message shouldContain "namespace"
        shouldThrow<DsInvalidArgumentException> { ds.dict("a{b}") }.message shouldContain "hash tag"
        shouldThrow<DsInvalidArgumentException> { ds.dict("}") }
    }

    test("valueOver512MB_isRefusedBeforeTheWire") {
        val ns = TestRedis.namespace("huge")
        val d = ds.dict(ns, Codecs.bytes())
        val huge = ByteArray(512 * 1024 * 1024 + 1)
        shouldThrow<DsInvalidArgumentException> { d["big"] = huge }.message shouldContain "512"
        shouldThrow<DsInvalidArgumentException> { d.batch { it.put("big", huge) } }
        shouldThrow<DsInvalidArgumentException> { d.async().put("big", huge) }
        d.containsKey("big") shouldBe false
    }

    test("keyHoldingAnotherType_givesWrongType_namingTheKey_andNothingWritten") {
        val ns = TestRedis.namespace("wrongtype")
        val hash = ds.redisson().getMap<String, String>("$ns:h", StringCodec.INSTANCE)
        hash["f"] = "v"
        val d = ds.dict(ns, Codecs.string())
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "get" to { d["h"] },
            "put" to { d.put("h", "x") },
            "set" to { d.set("h", "x") },
            "putWithTtl" to { d.put("h", "x", Duration.ofSeconds(5)) },
            "putIfAbsent" to { d.putIfAbsent("h", "x") },
            "replace" to { d.replace("h", "x") },
            "replace3" to { d.replace("h", "x", "y") },
            "remove" to { d.remove("h") },
            "remove2" to { d.remove("h", "x") },
            "delete" to { d.delete("h") },
            "compute" to { d.compute("h") { _, _ -> "x" } },
            "merge" to { d.merge("h", "x") { a, b -> a + b } },
        )
        for ((name, op) in ops) {
            val e = shouldThrow<DsWrongTypeException> { op() }
            e.key() shouldBe "$ns:h"
            e.message shouldContain "$ns:h"
            hash.readAllMap() shouldBe mapOf("f" to "v")
            name.isNotEmpty() shouldBe true
        }
    }

    test("corruptStoredValue_givesCodecException_namingTheKey") {
        val ns = TestRedis.namespace("corrupt")
        ds.redisson().getBucket<String>("$ns:bad", StringCodec.INSTANCE).set("no-such-type:xyz")
        ds.redisson().getBucket<String>("$ns:num", StringCodec.INSTANCE).set("twelve")
        val typed = ds.dict(ns)
        shouldThrow<DsCodecException> { typed["bad"] }.key() shouldBe "$ns:bad"
        (shouldThrow<DsCodecException> { typed.entries.toList() }.key() in setOf("$ns:bad", "$ns:num")) shouldBe true
        val longs = ds.dict(ns, Codecs.longs())
        val e = shouldThrow<DsCodecException> { longs.merge("num", 1L, Long::plus) }
        e.key() shouldBe "$ns:num"
        ds.redisson().getBucket<String>("$ns:num", StringCodec.INSTANCE).get() shouldBe "twelve"
    }

    test("unencodableValue_givesCodecException_andNothingWritten") {
        val ns = TestRedis.namespace("unenc")
        val typed = ds.dict(ns)
        shouldThrow<DsCodecException> { typed["x"] = Thread.currentThread() }
        typed.containsKey("x") shouldBe false
    }

    test("scriptCacheFlushed_dictKeepsWorking") {
        val d = ds.dict(TestRedis.namespace("flush"), Codecs.longs())
        d["a"] = 1L
        ds.redisson().script.scriptFlush()
        d.put("a", 2L) shouldBe 1L
        d.merge("a", 1L, Long::plus) shouldBe 3L
    }
})
