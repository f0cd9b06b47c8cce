package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration
import org.redisson.client.codec.StringCodec

/** Nested namespaces, the strict mode, delete() and the one rule for deletes, and the withTtl stack. */
class DictNamespaceTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val strict = DictOptions.defaults().withStrictNamespace(true)
    fun exists(key: String) = ds.redisson().keys.countExists(key) == 1L

    test("nested_aDictSeesCountsAndClearsTheEntriesOfItsNestedNamespace") {
        val a = TestRedis.namespace("nest")
        val outer = ds.dict(a, Codecs.longs())
        val inner = ds.dict("$a:b", Codecs.longs())
        outer["x"] = 1L
        inner["x"] = 2L
        outer.keys shouldContainExactlyInAnyOrder listOf("x", "b:x")
        outer.size shouldBe 2
        outer["b:x"] shouldBe 2L
        outer.clear()
        inner.isEmpty() shouldBe true
    }

    test("strict_skipsNestedNamespaces_inSizeIterationClearAndDelete") {
        val a = TestRedis.namespace("strict")
        val outer = ds.dict(a, Codecs.longs(), strict)
        val inner = ds.dict("$a:b", Codecs.longs(), strict)
        outer["x"] = 1L
        inner["x"] = 2L
        inner["y"] = 3L
        outer.keys shouldContainExactlyInAnyOrder listOf("x")
        outer.entries.map { it.key to it.value } shouldContainExactlyInAnyOrder listOf("x" to 1L)
        outer.size shouldBe 1
        outer.values.toList() shouldBe listOf(1L)
        outer.clear()
        outer.isEmpty() shouldBe true
        inner.size shouldBe 2
        outer["z"] = 4L
        outer.delete() shouldBe true
        outer.delete() shouldBe false
        inner.keys shouldContainExactlyInAnyOrder listOf("x", "y")
    }

    test("strict_refusesAKeyWithAColon_beforeSendingAnything") {
        val a = TestRedis.namespace("strictkey")
        val d = ds.dict(a, Codecs.longs(), strict)
        val e = shouldThrow<DsInvalidArgumentException> { d["b:x"] = 1L }
        e.message shouldContain "b:x"
        shouldThrow<DsInvalidArgumentException> { d.get("b:x") }
        shouldThrow<DsInvalidArgumentException> { d.batch { it.put("b:x", 1L) } }
        exists("$a:b:x") shouldBe false
        DictOptions.defaults().strictNamespace() shouldBe false
        strict.strictNamespace() shouldBe true
        strict shouldBe DictOptions.defaults().withStrictNamespace(true)
    }

    test("delete_removesEveryEntryOfTheNamespace_andLeavesOtherTypesAlone") {
        val a = TestRedis.namespace("delall")
        val d = ds.dict(a, Codecs.longs())
        (0 until 1_200).forEach { d.set("k$it", it.toLong()) }
        ds.redisson().getMap<String, String>("$a:h", StringCodec.INSTANCE).put("f", "v")
        d.delete() shouldBe true
        d.size shouldBe 0
        exists("$a:h") shouldBe true
        d.delete() shouldBe false
        d["k"] = 1L
        d.async().delete().toCompletableFuture().get() shouldBe true
        d.isEmpty() shouldBe true
    }

    test("deleteKey_refusesAKeyOfAnotherType_andDeletesNothing") {
        val a = TestRedis.namespace("deltype")
        val d = ds.dict(a, Codecs.longs())
        ds.redisson().getList<String>("$a:q", StringCodec.INSTANCE).add("job")
        val e = shouldThrow<DsWrongTypeException> { d.delete("q") }
        e.key() shouldBe "$a:q"
        exists("$a:q") shouldBe true
        d["n"] = 1L
        d.delete("n") shouldBe true
        d.delete("n") shouldBe false
    }

    test("hashDictDelete_removesTheHash_andRefusesAnotherType") {
        val name = TestRedis.namespace("hdel")
        val h = ds.hashDict(name, Codecs.longs())
        h["a"] = 1L
        h.expire(Duration.ofMinutes(5))
        h.delete() shouldBe true
        exists(h.redisKey()) shouldBe false
        h.delete() shouldBe false
        h["b"] = 2L
        h.async().delete().toCompletableFuture().get() shouldBe true
        val other = TestRedis.namespace("hdelwrong")
        ds.redisson().getBucket<String>("{$other}:hash", StringCodec.INSTANCE).set("a string")
        shouldThrow<DsWrongTypeException> { ds.hashDict(other).delete() }.key() shouldBe "{$other}:hash"
        shouldThrow<DsWrongTypeException> { ds.hashDict(other).clear() }
        exists("{$other}:hash") shouldBe true
    }

    test("withTtl_scopesClosedOutOfOrder_leaveTheRightTtl") {
        val d = ds.dict(TestRedis.namespace("scopes"), Codecs.string())
        fun ttl(k: String) = d.ttl(k)?.toSeconds()
        val outer = d.withTtl(Duration.ofSeconds(100))
        val inner = d.withTtl(Duration.ofSeconds(300))
        outer.close()                      // out of order: the inner scope stays in force
        d["a"] = "x"
        inner.close()                      // now no scope is open: no TTL, the outer one is not back
        d["b"] = "y"
        outer.close()                      // a second close does nothing
        inner.close()
        d["c"] = "z"
        (ttl("a")!! in 295L..300L) shouldBe true
        ttl("b") shouldBe null
        ttl("c") shouldBe null
    }

    test("withTtl_closingTheMiddleScope_keepsTheInnermost_thenTheOuter") {
        val d = ds.dict(TestRedis.namespace("scopes3"), Codecs.string())
        val s1 = d.withTtl(Duration.ofSeconds(100))
        val s2 = d.withTtl(Duration.ofSeconds(200))
        val s3 = d.withTtl(Duration.ofSeconds(300))
        s2.close()
        d["a"] = "x"
        s3.close()
        d["b"] = "y"
        s1.close()
        d["c"] = "z"
        (d.ttl("a")!!.toSeconds() in 295L..300L) shouldBe true
        (d.ttl("b")!!.toSeconds() in 95L..100L) shouldBe true
        d.ttl("c") shouldBe null
    }
})
