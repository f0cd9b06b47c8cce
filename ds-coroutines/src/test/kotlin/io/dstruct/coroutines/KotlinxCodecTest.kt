package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json

@Serializable
data class User(val name: String, val age: Int, val tags: List<String> = emptyList())

/** [KotlinxCodec] alone and through `ds.dict<T>(namespace)`, against a real Redis. */
class KotlinxCodecTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("dictOfUser_roundTrip_redisHoldsJsonText") {
        val ns = TestRedis.namespace("users")
        val users = ds.dict<User>(ns)
        users["ada"] = User("Ada", 36, listOf("math"))
        users["ada"] shouldBe User("Ada", 36, listOf("math"))
        ds.dict(ns, Codecs.string())["ada"] shouldBe """{"name":"Ada","age":36,"tags":["math"]}"""
    }

    test("dictOfUser_readsJsonWrittenByOthers") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.string())["bob"] = """{"age":41,"name":"Bob"}"""
        ds.dict<User>(ns)["bob"] shouldBe User("Bob", 41)
        ds.dict<User>(ns).entries().toList() shouldBe listOf("bob" to User("Bob", 41))
    }

    test("dictOfUser_replaceComparesJsonBytes") {
        val users = ds.dict<User>(TestRedis.namespace("users"))
        users["ada"] = User("Ada", 36)
        users.replace("ada", User("Ada", 35), User("Ada", 37)) shouldBe false
        users.replace("ada", User("Ada", 36), User("Ada", 37)) shouldBe true
        users["ada"] shouldBe User("Ada", 37)
    }

    test("get_jsonOfAnotherShape_throwsCodecExceptionNamingTheKey") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.string())["bad"] = """{"name":"Ada"}"""
        val e = shouldThrow<DsCodecException> { ds.dict<User>(ns)["bad"] }
        e.key() shouldBe "$ns:bad"
        e.message shouldContain "$ns:bad"
        e.message shouldContain "User"
    }

    test("get_notJson_throwsCodecExceptionNamingTheKey") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.string())["bad"] = "int:42"
        shouldThrow<DsCodecException> { ds.dict<User>(ns)["bad"] }.key() shouldBe "$ns:bad"
    }

    test("get_notUtf8_throwsCodecExceptionNamingTheKey") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.bytes())["bad"] = byteArrayOf(0x7b, 0xff.toByte(), 0x7d)
        val e = shouldThrow<DsCodecException> { ds.dict<User>(ns)["bad"] }
        e.key() shouldBe "$ns:bad"
        e.message shouldContain "UTF-8"
    }

    test("set_unencodableValue_throwsCodecException_writesNothing") {
        val d = ds.dict<Double>(TestRedis.namespace("nan"))
        shouldThrow<DsCodecException> { d["x"] = Double.NaN }
        d.containsKey("x") shouldBe false
    }

    test("dict_customJson_isUsed") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.string())["ada"] = """{"name":"Ada","age":36,"extra":true}"""
        shouldThrow<DsCodecException> { ds.dict<User>(ns)["ada"] }
        ds.dict<User>(ns, json = Json { ignoreUnknownKeys = true })["ada"] shouldBe User("Ada", 36)
    }

    test("kotlinxCodec_encodeDecode") {
        val codec = kotlinxCodec<User>()
        codec.encode(User("Ada", 36)).decodeToString() shouldBe """{"name":"Ada","age":36}"""
        codec.decode("""{"name":"Ada","age":36}""".encodeToByteArray()) shouldBe User("Ada", 36)
        codec.toString() shouldBe "KotlinxCodec(io.dstruct.coroutines.User)"
        kotlinxCodec<List<Long>>().decode("[1,2]".encodeToByteArray()) shouldBe listOf(1L, 2L)
    }

    test("kotlinxCodec_decodeFailure_isCodecExceptionWithoutKey") {
        val e = shouldThrow<DsCodecException> { KotlinxCodec(User.serializer()).decode("null".encodeToByteArray()) }
        e.key() shouldBe null
    }

    test("coDict_withKotlinxCodec_sameAsDictOfT") {
        val ns = TestRedis.namespace("users")
        ds.coDict(ns, kotlinxCodec<User>())["ada"] = User("Ada", 36)
        ds.dict<User>(ns)["ada"] shouldBe User("Ada", 36)
    }
})
