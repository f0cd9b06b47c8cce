package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.api.RType
import org.redisson.client.codec.StringCodec

/**
 * The redis_ds `RedisHashDict` transcript, the ConcurrentMap contract ([mapContract]) and what only a HashDict does,
 * against a real Redis.
 */
class HashDictTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String) = ds.hashDict(TestRedis.namespace(prefix), Codecs.longs())

    /** What Redis holds in the hash [key], read with HGETALL as plain strings. */
    fun hgetall(key: String): Map<String, String> = ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE).readAllMap()
    fun typeOf(key: String): RType? = ds.redisson().keys.getType(key)

    test("redisDsTranscript_someHashKey") {
        // >>> x = redis_hash_dict.RedisHashDict("some_hash_key")
        val name = TestRedis.namespace("some_hash_key")
        val x = ds.hashDict(name)
        // >>> x
        x.toString() shouldBe "{}"
        // >>> x['a'] = 100
        x["a"] = 100L
        // >>> x
        x.toString() shouldBe "{a=100}"
        // >>> x['a']   (typed() gives back the Long it stored, where Python's plain hash gave '100')
        x["a"] shouldBe 100L
        // >>> x['b']
        x["b"] shouldBe null
        // >>> len(x)
        x.size shouldBe 1
    }

    test("redisDsTranscript_redisHoldsOneHash_withTheTypedValue") {
        val name = TestRedis.namespace("some_hash_key")
        val x = ds.hashDict(name)
        x["a"] = 100L
        x.redisKey() shouldBe "{$name}:hash"
        typeOf("{$name}:hash") shouldBe RType.MAP
        hgetall("{$name}:hash") shouldContainExactly mapOf("a" to "int:100")
        ds.redisson().keys.getKeysByPattern("*$name*").toList() shouldBe listOf("{$name}:hash")
    }

    test("typed_intAndLongBothReadBackAsLong_otherTypesAsWritten") {
        val name = TestRedis.namespace("typed")
        val x = ds.hashDict(name)
        x["int"] = 100
        x["s"] = "a string"
        x["f"] = 2.5
        x["none"] = Codecs.NONE
        x["int"] shouldBe 100L
        x["s"] shouldBe "a string"
        x["f"] shouldBe 2.5
        x["none"] shouldBe Codecs.NONE
        hgetall("{$name}:hash") shouldContainExactly
            mapOf("int" to "int:100", "s" to "str:a string", "f" to "float:2.5", "none" to "NoneType:None")
    }

    test("typed_readsFieldsWrittenByAnotherClient") {
        val name = TestRedis.namespace("other")
        ds.redisson().getMap<String, String>("{$name}:hash", StringCodec.INSTANCE).putAll(mapOf("n" to "int:7", "ok" to "bool:True"))
        val x = ds.hashDict(name)
        x["n"] shouldBe 7L
        x["ok"] shouldBe true
        x.size shouldBe 2
    }

    mapContract("HashDict") { prefix -> longs(prefix) }

    test("name_andRedisKey") {
        val h = ds.hashDict("users", Codecs.string())
        h.name() shouldBe "users"
        h.redisKey() shouldBe "{users}:hash"
        ds.hashDict("a:b*c?[x]", Codecs.string()).redisKey() shouldBe "{a:b*c?[x]}:hash"
    }

    test("set_writesWithoutReadingBack_delete_returnsWhetherItExisted") {
        val h = longs("setdelete")
        h.set("a", 1L)
        h["a"] shouldBe 1L
        h.set("a", 2L)
        h["a"] shouldBe 2L
        h.delete("a") shouldBe true
        h.delete("a") shouldBe false
        h.containsKey("a") shouldBe false
    }

    test("removingTheLastField_removesTheHash") {
        val h = longs("last")
        h["a"] = 1L
        h["b"] = 2L
        h.remove("a")
        typeOf(h.redisKey()) shouldBe RType.MAP
        h.delete("b")
        ds.redisson().keys.countExists(h.redisKey()) shouldBe 0L
        h.isEmpty() shouldBe true
    }

    test("fieldsWithAnyCharacters_areKeptAsTheyAre") {
        val h = longs("fields")
        val fields = listOf("", "a b", "ключ", "{x}", "*", "a:b", "\n", "🙂")
        fields.forEachIndexed { i, f -> h[f] = i.toLong() }
        h.size shouldBe fields.size
        fields.forEachIndexed { i, f -> h[f] shouldBe i.toLong() }
        h.keys shouldContainExactlyInAnyOrder fields
        hgetall(h.redisKey()).keys shouldContainExactlyInAnyOrder fields
    }

    test("putAll_writesEveryField_inOneBatch") {
        val h = longs("putall")
        h.putAll(mapOf("a" to 1L, "b" to 2L))
        h.putAll(emptyMap())
        h.putAll(mapOf("b" to 20L, "c" to 3L))
        h.toMap() shouldContainExactly mapOf("a" to 1L, "b" to 20L, "c" to 3L)
    }

    test("batch_resultsInOrder") {
        val h = longs("batch")
        h["gone"] = 9L
        h.batch { it.put("a", 1L).put("a", 2L).putIfAbsent("a", 3L).putIfAbsent("b", 4L).remove("gone").remove("never") } shouldBe
            listOf(true, true, false, true, true, false)
        h.toMap() shouldContainExactly mapOf("a" to 2L, "b" to 4L)
        h.batch { } shouldBe emptyList()
    }

    test("batch_bodyThrows_sendsNothing") {
        val h = longs("batchfail")
        shouldThrow<IllegalStateException> {
            h.batch {
                it.put("a", 1L)
                error("stop")
            }
        }.message shouldBe "stop"
        h.containsKey("a") shouldBe false
        ds.redisson().keys.countExists(h.redisKey()) shouldBe 0L
    }

    test("batch_usedOutsideItsBodyOrThread_isRefused") {
        val h = longs("batchescape")
        var escaped: MapBatch<Long>? = null
        h.batch { escaped = it }
        shouldThrow<IllegalStateException> { escaped!!.put("a", 1L) }
        val fromOtherThread = java.util.concurrent.CompletableFuture<Throwable?>()
        h.batch { b ->
            val t = Thread { fromOtherThread.complete(runCatching { b.put("b", 1L) }.exceptionOrNull()) }
            t.start()
            t.join()
        }
        (fromOtherThread.get() is IllegalStateException) shouldBe true
        h.isEmpty() shouldBe true
    }

    test("severalHashDicts_inOneRedis_stayApart") {
        val names = (1..3).map { TestRedis.namespace("apart$it") }
        val maps = names.map { ds.hashDict(it, Codecs.longs()) }
        maps.forEachIndexed { i, m ->
            m["shared"] = i.toLong()
            m["own$i"] = 100L + i
        }
        maps.forEachIndexed { i, m ->
            m.toMap() shouldContainExactly mapOf("shared" to i.toLong(), "own$i" to 100L + i)
            hgetall("{${names[i]}}:hash").keys shouldContainExactlyInAnyOrder listOf("shared", "own$i")
        }
        maps[0].clear()
        maps[0].isEmpty() shouldBe true
        maps[1].size shouldBe 2
        maps[2]["shared"] shouldBe 2L
    }

    test("hashDictAndDictOfTheSameName_neverCollide") {
        val name = TestRedis.namespace("users")
        val hash = ds.hashDict(name, Codecs.longs())
        val dict = ds.dict(name, Codecs.longs())
        // A Dict entry named "hash" is the key "<name>:hash"; the HashDict is "{<name>}:hash".
        dict["hash"] = 1L
        hash["hash"] = 2L
        dict["a"] = 3L
        hash["a"] = 4L
        dict.toMap() shouldContainExactly mapOf("hash" to 1L, "a" to 3L)
        hash.toMap() shouldContainExactly mapOf("hash" to 2L, "a" to 4L)
        typeOf("$name:hash") shouldBe RType.OBJECT
        typeOf("{$name}:hash") shouldBe RType.MAP
        hash.clear()
        dict.size shouldBe 2
        hash["b"] = 5L
        dict.clear()
        hash.toMap() shouldContainExactly mapOf("b" to 5L)
    }

    test("noDictNamespace_canReachAHashDictKey") {
        // Every HashDict key starts with '{', and a Dict namespace may hold no brace, so no Dict key starts with one.
        shouldThrow<DsInvalidArgumentException> { ds.dict("{x") }.message shouldContain "{"
        shouldThrow<DsInvalidArgumentException> { ds.dict("{x}") }
        shouldThrow<DsInvalidArgumentException> { ds.dict("a}") }
        shouldThrow<DsInvalidArgumentException> { ds.hashDict("{x") }
    }

    test("views_areLiveViewsOfTheHash") {
        val h = longs("live")
        val keys = h.keys
        val entries = h.entries
        keys.isEmpty() shouldBe true
        h["a"] = 1L
        keys.toList() shouldBe listOf("a")
        entries.single().toPair() shouldBe ("a" to 1L)
        keys.clear()
        h.isEmpty() shouldBe true
    }
})
