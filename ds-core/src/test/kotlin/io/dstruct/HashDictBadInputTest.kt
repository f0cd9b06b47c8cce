package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.api.RType
import org.redisson.client.codec.StringCodec
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/** A null where Kotlin would not let one through: the Java caller's mistake, reproduced. */
@Suppress("UNCHECKED_CAST")
private fun <T> nul(): T = null as T

/** Bad input to a HashDict gets a clear, typed error, and nothing is written. */
class HashDictBadInputTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun exists(key: String): Boolean = ds.redisson().keys.countExists(key) > 0

    test("nullFieldOrValue_throwsNpe_andNothingWritten") {
        val h = ds.hashDict(TestRedis.namespace("nulls"), Codecs.string())
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "put(null, v)" to { h.put(nul(), "x") },
            "put(k, null)" to { h.put("a", nul()) },
            "set(null, v)" to { h.set(nul(), "x") },
            "set(k, null)" to { h.set("a", nul()) },
            "putIfAbsent(k, null)" to { h.putIfAbsent("a", nul()) },
            "putIfAbsent(null, v)" to { h.putIfAbsent(nul(), "x") },
            "replace(k, null)" to { h.replace("a", nul()) },
            "replace(k, null, v)" to { h.replace("a", nul(), "x") },
            "replace(k, v, null)" to { h.replace("a", "x", nul()) },
            "get(null)" to { h[nul<String>()] },
            "containsKey(null)" to { h.containsKey(nul<String>()) },
            "remove(null)" to { h.remove(nul<String>()) },
            "remove(k, null)" to { h.remove("a", nul<String>()) },
            "delete(null)" to { h.delete(nul()) },
            "compute(null, fn)" to { h.compute(nul()) { _, _ -> "x" } },
            "compute(k, null)" to { h.compute("a", nul()) },
            "computeIfAbsent(k, null)" to { h.computeIfAbsent("a", nul()) },
            "merge(k, null, fn)" to { h.merge("a", nul()) { a, b -> a + b } },
            "putAll(null value)" to { h.putAll(mapOf("b" to "x", "a" to nul())) },
            "putAll(null key)" to { h.putAll(mapOf("b" to "x", nul<String>() to "y")) },
            "batch put(k, null)" to { h.batch { it.put("b", "x").put("a", nul()) } },
            "batch put(null, v)" to { h.batch { it.put("b", "x").put(nul(), "y") } },
            "batch putIfAbsent(k, null)" to { h.batch { it.putIfAbsent("a", nul()) } },
            "batch remove(null)" to { h.batch { it.remove(nul()) } },
            "batch(null)" to { h.batch(nul()) },
            "async put(k, null)" to { h.async().put("a", nul()) },
            "async get(null)" to { h.async().get(nul()) },
        )
        for ((name, op) in ops) {
            withClue(name) {
                shouldThrow<NullPointerException> { op() }
                exists(h.redisKey()) shouldBe false
            }
        }
    }

    test("emptyOrBracedName_isRefused") {
        shouldThrow<DsInvalidArgumentException> { ds.hashDict("") }.message shouldBe "name must not be empty"
        shouldThrow<DsInvalidArgumentException> { ds.hashDict("", Codecs.string()) }
        for (bad in listOf("{", "}", "a{b}", "{users}", "users}", "{users}:hash")) {
            withClue(bad) {
                shouldThrow<DsInvalidArgumentException> { ds.hashDict(bad, Codecs.string()) }.message shouldContain "'{' or '}'"
            }
        }
        shouldThrow<NullPointerException> { ds.hashDict(nul()) }
        shouldThrow<NullPointerException> { ds.hashDict("ok", nul<Codec<String>>()) }
    }

    test("valueOver512MB_isRefusedBeforeTheWire") {
        val h = ds.hashDict(TestRedis.namespace("huge"), Codecs.bytes())
        h["small"] = byteArrayOf(1)
        val huge = ByteArray(512 * 1024 * 1024 + 1)
        shouldThrow<DsInvalidArgumentException> { h["big"] = huge }.message shouldContain "512"
        shouldThrow<DsInvalidArgumentException> { h.put("big", huge) }.message shouldContain h.redisKey()
        shouldThrow<DsInvalidArgumentException> { h.putIfAbsent("big", huge) }
        shouldThrow<DsInvalidArgumentException> { h.replace("small", byteArrayOf(1), huge) }
        shouldThrow<DsInvalidArgumentException> { h.merge("small", huge) { _, b -> b } }
        shouldThrow<DsInvalidArgumentException> { h.batch { it.put("other", byteArrayOf(2)).put("big", huge) } }
        shouldThrow<DsInvalidArgumentException> { h.async().put("big", huge) }
        h.keys shouldBe setOf("small")
        h["small"]!!.toList() shouldBe listOf<Byte>(1)
    }

    test("hashKeyHoldingAString_givesWrongType_namingTheKey_forEveryOperation_andNothingWritten") {
        val n = TestRedis.namespace("wrongtype")
        val key = "{$n}:hash"
        val str = ds.redisson().getBucket<String>(key, StringCodec.INSTANCE)
        str.set("not a hash")
        val h = ds.hashDict(n, Codecs.string())
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "get" to { h["f"] },
            "containsKey" to { h.containsKey("f") },
            "getOrDefault" to { h.getOrDefault("f", "d") },
            "put" to { h.put("f", "x") },
            "set" to { h.set("f", "x") },
            "putIfAbsent" to { h.putIfAbsent("f", "x") },
            "replace" to { h.replace("f", "x") },
            "replace3" to { h.replace("f", "x", "y") },
            "remove" to { h.remove("f") },
            "remove2" to { h.remove("f", "x") },
            "delete" to { h.delete("f") },
            "compute" to { h.compute("f") { _, _ -> "x" } },
            "computeIfAbsent" to { h.computeIfAbsent("f") { "x" } },
            "computeIfPresent" to { h.computeIfPresent("f") { _, _ -> "x" } },
            "merge" to { h.merge("f", "x") { a, b -> a + b } },
            "size" to { h.size },
            "isEmpty" to { h.isEmpty() },
            "keys.size" to { h.keys.size },
            "keys.contains" to { "f" in h.keys },
            "keys.remove" to { h.keys.remove("f") },
            "entries.contains" to { h.entries.contains(java.util.AbstractMap.SimpleEntry("f", "x")) },
            "keys.toList" to { h.keys.toList() },
            "entries.toList" to { h.entries.toList() },
            "values.toList" to { h.values.toList() },
            "equals" to { h == mapOf("f" to "x") },
            "putAll" to { h.putAll(mapOf("f" to "x")) },
            "batch" to { h.batch { it.put("f", "x").putIfAbsent("g", "y").remove("h") } },
            "clear" to { h.clear() },
        )
        for ((name, op) in ops) {
            withClue(name) {
                val e = shouldThrow<DsWrongTypeException> { op() }
                e.key() shouldBe key
                e.message shouldContain key
                str.get() shouldBe "not a hash"
                str.remainTimeToLive() shouldBe -1L
            }
        }
    }

    test("hashKeyHoldingAString_iteratingViaIterator_givesWrongType_namingTheKey") {
        // Iterators start their HSCAN on the first hasNext(), so the translation must cover hasNext and next, not
        // only iterator(). containsValue, toString, hashCode and forEach all iterate that way.
        val n = TestRedis.namespace("wrongiter")
        val key = "{$n}:hash"
        ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).set("not a hash")
        val h = ds.hashDict(n, Codecs.string())
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "keys.iterator.hasNext" to { h.keys.iterator().hasNext() },
            "entries.iterator.hasNext" to { h.entries.iterator().hasNext() },
            "values.iterator.hasNext" to { h.values.iterator().hasNext() },
            "containsValue" to { h.containsValue("x") },
            "toString" to { h.toString() },
            "hashCode" to { h.hashCode() },
            "forEach" to { h.forEach { _, _ -> } },
        )
        val wrong = ops.mapNotNull { (name, op) ->
            when (val e = runCatching { op() }.exceptionOrNull()) {
                is DsWrongTypeException -> if (e.key() == key) null else "$name: key() is ${e.key()}"
                null -> "$name: no exception"
                else -> "$name: ${e::class.qualifiedName}"
            }
        }
        wrong shouldBe emptyList()
    }

    test("hashKeyHoldingAList_givesWrongType_andTheListIsUntouched") {
        val n = TestRedis.namespace("wronglist")
        val key = "{$n}:hash"
        val list = ds.redisson().getList<String>(key, StringCodec.INSTANCE)
        list.add("x")
        val h = ds.hashDict(n, Codecs.longs())
        shouldThrow<DsWrongTypeException> { h.put("f", 1L) }.key() shouldBe key
        shouldThrow<DsWrongTypeException> { h.merge("f", 1L, Long::plus) }.key() shouldBe key
        shouldThrow<DsWrongTypeException> { h.batch { it.put("f", 1L) } }.key() shouldBe key
        ds.redisson().keys.getType(key) shouldBe RType.LIST
        list.readAll() shouldBe listOf("x")
    }

    test("asyncOnAnotherType_failsTheStage_withWrongType") {
        val n = TestRedis.namespace("wrongasync")
        val key = "{$n}:hash"
        ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).set("s")
        val a = ds.hashDict(n, Codecs.string()).async()
        val stages = listOf(a.get("f"), a.put("f", "x"), a.putIfAbsent("f", "x"), a.merge("f", "x") { x, y -> x + y },
            a.size(), a.delete("f"), a.batch { it.put("f", "x") })
        for (s in stages) {
            val e = shouldThrow<ExecutionException> { s.toCompletableFuture().get(30, TimeUnit.SECONDS) }
            e.cause.shouldBeInstanceOf<DsWrongTypeException>().key() shouldBe key
        }
        ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).get() shouldBe "s"
    }

    test("corruptStoredFieldValue_givesCodecException_namingTheKey") {
        val n = TestRedis.namespace("corrupt")
        val key = "{$n}:hash"
        val raw = ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE)
        raw.putAll(mapOf("bad" to "no-such-type:xyz", "num" to "twelve"))
        val typed = ds.hashDict(n)
        shouldThrow<DsCodecException> { typed["bad"] }.apply {
            key() shouldBe key
            message shouldContain key
        }
        shouldThrow<DsCodecException> { typed.entries.toList() }.key() shouldBe key
        shouldThrow<DsCodecException> { typed.values.toList() }.key() shouldBe key
        val longs = ds.hashDict(n, Codecs.longs())
        shouldThrow<DsCodecException> { longs["num"] }.key() shouldBe key
        shouldThrow<DsCodecException> { longs.merge("num", 1L, Long::plus) }.key() shouldBe key
        shouldThrow<DsCodecException> { longs.compute("num") { _, _ -> 1L } }.key() shouldBe key
        shouldThrow<DsCodecException> { longs.computeIfPresent("num") { _, _ -> 1L } }.key() shouldBe key
        val e = shouldThrow<ExecutionException> { longs.async().get("num").toCompletableFuture().get(30, TimeUnit.SECONDS) }
        e.cause.shouldBeInstanceOf<DsCodecException>().key() shouldBe key
        longs.containsKey("num") shouldBe true
        longs.remove("num", 12L) shouldBe false
        raw.readAllMap() shouldBe mapOf("bad" to "no-such-type:xyz", "num" to "twelve")
    }

    test("putOverACorruptValue_writes_thenReportsTheOldValueUnreadable") {
        // As errors.md says: a write that returns the previous value decodes it after the write.
        val n = TestRedis.namespace("putcorrupt")
        val raw = ds.redisson().getMap<String, String>("{$n}:hash", StringCodec.INSTANCE)
        raw["num"] = "twelve"
        shouldThrow<DsCodecException> { ds.hashDict(n, Codecs.longs()).put("num", 1L) }.key() shouldBe "{$n}:hash"
        raw["num"] shouldBe "1"
    }

    test("setOverACorruptValue_writesWithoutReadingTheOldValue") {
        // HashDict.set: "Sets the field key to value without reading the previous value."
        val n = TestRedis.namespace("setcorrupt")
        val raw = ds.redisson().getMap<String, String>("{$n}:hash", StringCodec.INSTANCE)
        raw["num"] = "twelve"
        val h = ds.hashDict(n, Codecs.longs())
        h.set("num", 1L)
        raw["num"] shouldBe "1"
        raw["other"] = "thirteen"
        h.async().set("other", 2L).toCompletableFuture().get(30, TimeUnit.SECONDS)
        raw["other"] shouldBe "2"
    }

    test("unencodableValue_givesCodecException_andNothingWritten") {
        val typed = ds.hashDict(TestRedis.namespace("unenc"))
        shouldThrow<DsCodecException> { typed["x"] = Thread.currentThread() }
        shouldThrow<DsCodecException> { typed.putIfAbsent("x", Thread.currentThread()) }
        shouldThrow<DsCodecException> { typed.batch { it.put("x", Thread.currentThread()) } }
        exists(typed.redisKey()) shouldBe false
    }

    test("scriptCacheFlushed_hashDictKeepsWorking") {
        val h = ds.hashDict(TestRedis.namespace("flush"), Codecs.longs())
        h["a"] = 1L
        ds.redisson().script.scriptFlush()
        h.put("a", 2L) shouldBe 1L
        ds.redisson().script.scriptFlush()
        h.putIfAbsent("b", 5L) shouldBe null
        ds.redisson().script.scriptFlush()
        h.replace("b", 5L, 6L) shouldBe true
        ds.redisson().script.scriptFlush()
        h.merge("a", 1L, Long::plus) shouldBe 3L
        ds.redisson().script.scriptFlush()
        h.async().compute("c") { _, _ -> 7L }.toCompletableFuture().get(30, TimeUnit.SECONDS) shouldBe 7L
        h.toMap() shouldBe mapOf("a" to 3L, "b" to 6L, "c" to 7L)
    }
})
