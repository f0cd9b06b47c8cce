package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec

/** The redis-dict transcript, the ConcurrentMap contract ([mapContract]) and what only a Dict does, against a real Redis. */
class DictTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun raw(key: String): String? = ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).get()
    fun longs(prefix: String) = ds.dict(TestRedis.namespace(prefix), Codecs.longs())

    test("redisDictTranscript_namespaceBar") {
        val ns = TestRedis.namespace("bar")
        val dic = ds.dict(ns)
        ("foo" in dic) shouldBe false
        dic["foo"] = 42L
        dic["foo"] shouldBe 42L
        ("foo" in dic) shouldBe true
        dic["baz"] = "a string"
        ds.redisson().keys.getKeysByPattern("$ns:*").toList() shouldContainExactlyInAnyOrder listOf("$ns:foo", "$ns:baz")
        raw("$ns:foo") shouldBe "int:42"
        raw("$ns:baz") shouldBe "str:a string"
        val printed = dic.toString()
        (printed == "{foo=42, baz=a string}" || printed == "{baz=a string, foo=42}") shouldBe true
    }

    mapContract("Dict") { prefix -> longs(prefix) }

    test("delete_returnsWhetherItExisted_withoutReadingTheValue") {
        val d = longs("delete")
        d["c"] = 6L
        d.delete("c") shouldBe true
        d.delete("c") shouldBe false
        d.containsKey("c") shouldBe false
    }

    test("typed_readsWhatRedisDictWrote") {
        val ns = TestRedis.namespace("py")
        ds.redisson().getBucket<String>("$ns:n", StringCodec.INSTANCE).set("int:7")
        ds.redisson().getBucket<String>("$ns:none", StringCodec.INSTANCE).set("NoneType:None")
        ds.redisson().getBucket<String>("$ns:ok", StringCodec.INSTANCE).set("bool:True")
        val dic = ds.dict(ns)
        dic["n"] shouldBe 7L
        dic["none"] shouldBe Codecs.NONE
        dic["ok"] shouldBe true
    }

    test("connectWithConfig_closeShutsDownOwnClient") {
        val config = org.redisson.config.Config()
        config.useSingleServer().setAddress(TestRedis.uri())
        val own = Ds.connect(config)
        own.dict(TestRedis.namespace("cfg"), Codecs.string()).apply { set("k", "v"); get("k") shouldBe "v" }
        own.close()
        own.redisson().isShutdown shouldBe true
    }

    test("namespaceWithGlobCharacters_isEscapedInScans") {
        val base = TestRedis.namespace("glob")
        val starred = ds.dict("$base*x", Codecs.longs())
        val other = ds.dict("${base}Yx", Codecs.longs())
        starred["a"] = 1L
        other["b"] = 2L
        starred.keys shouldContainExactlyInAnyOrder listOf("a")
        ds.dict("$base?[]\\", Codecs.longs()).apply { set("q", 1L); keys shouldContainExactlyInAnyOrder listOf("q") }
    }

    test("dictAndHashOfOverlappingNames_doNotCollide_withOtherTypesSkippedInScans") {
        val ns = TestRedis.namespace("mixed")
        ds.redisson().getMap<String, String>("$ns:hash", StringCodec.INSTANCE).put("f", "v")
        val d = ds.dict(ns, Codecs.longs())
        d["n"] = 1L
        d.keys shouldContainExactlyInAnyOrder listOf("n")
        d.size shouldBe 1
    }

    test("redisKey_andNamespace") {
        val d = ds.dict("app", Codecs.string())
        d.namespace() shouldBe "app"
        d.redisKey("x") shouldBe "app:x"
    }

    test("dsWrap_doesNotCloseTheClient") {
        val wrapped = Ds.wrap(ds.redisson())
        wrapped.close()
        ds.redisson().isShutdown shouldBe false
        wrapped.redisson() shouldNotBe null
    }

    test("errorCodeEnum_mirrorsEveryCodeTheScriptsReplyWith") {
        val dir = java.io.File("../ds-scripts/src/main/resources/io/dstruct/scripts")
        val codes = dir.walk().filter { it.name.endsWith(".lua") }
            .flatMap { f -> Regex("""'DS_([A-Z_]+)""").findAll(f.readText()).map { it.groupValues[1] } }.toSet()
        codes.isNotEmpty() shouldBe true
        codes.forEach { DsErrorCode.of(it) shouldNotBe DsErrorCode.UNKNOWN }
    }

    test("toString_showsEntries") {
        val d = ds.dict(TestRedis.namespace("ts"))
        d["x"] = "y"
        d.toString() shouldContain "x=y"
    }
})
