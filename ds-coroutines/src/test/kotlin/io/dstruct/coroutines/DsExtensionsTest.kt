package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Dict
import io.dstruct.DictOptions
import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration

/** How a Kotlin caller gets a [CoDict], and which `dict` each call resolves to. */
class DsExtensionsTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("dictWithTypeArgument_resolvesToTheExtension_returnsCoDict") {
        // These declarations only compile if ds.dict<T>(...) resolves to the reified extension, since the Java
        // member Ds.dict(String) takes no type argument and returns a blocking Dict<Object>.
        val users: CoDict<User> = ds.dict<User>(TestRedis.namespace("users"))
        val withOptions: CoDict<User> = ds.dict<User>(TestRedis.namespace("users"), DictOptions.defaults())
        users.shouldBeInstanceOf<CoDict<*>>()
        withOptions.shouldBeInstanceOf<CoDict<*>>()
    }

    test("dictWithoutTypeArgument_isStillTheJavaMember") {
        val d: Dict<Any> = ds.dict(TestRedis.namespace("plain"))
        d["a"] = 1L
        d["a"] shouldBe 1L
    }

    test("dictOfT_options_areUsed") {
        val users = ds.dict<User>(TestRedis.namespace("users"), DictOptions.defaults().withDefaultTtl(30.seconds.toJavaDuration()))
        users["ada"] = User("Ada", 36)
        users.ttl("ada")!!.seconds shouldBeInRange 25L..30L
    }

    test("coDict_typedCodec_sharesEntriesWithJavaDict") {
        val ns = TestRedis.namespace("typed")
        val d: CoDict<Any> = ds.coDict(ns)
        d["n"] = 42L
        d["s"] = "a string"
        ds.dict(ns)["n"] shouldBe 42L
        ds.dict(ns, Codecs.string())["s"] shouldBe "str:a string"
    }

    test("coDict_codecAndOptions") {
        val d = ds.coDict(TestRedis.namespace("opts"), Codecs.longs(), DictOptions.defaults().withDefaultTtl(java.time.Duration.ofSeconds(30)))
        d["a"] = 1L
        d.ttl("a")!!.seconds shouldBeInRange 25L..30L
    }

    test("coroutines_isAViewOfTheSameDict") {
        val ns = TestRedis.namespace("view")
        val java = ds.dict(ns, Codecs.longs())
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.namespace shouldBe ns
        java["a"] = 5L
        co["a"] shouldBe 5L
        co["b"] = 6L
        java["b"] shouldBe 6L
    }

    test("topicWithTypeArgument_isTheExtension_withoutIsTheJavaMember_coroutinesViewsTheSameTopic") {
        val name = TestRedis.namespace("topic")
        val orders: CoTopic<TopicOrder> = ds.topic<TopicOrder>(name) // compiles only if it resolves to the reified extension
        val plain: io.dstruct.Topic<Any> = ds.topic(name)   // the Java member, typed() codec
        orders.channel shouldBe plain.channel()
        val java = ds.topic(name, Codecs.string())
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.name shouldBe name
        ds.coTopic(name).blocking.channel() shouldBe "{$name}:topic"
        ds.coTopic(name, Codecs.longs()).channel shouldBe "{$name}:topic"
    }
})
