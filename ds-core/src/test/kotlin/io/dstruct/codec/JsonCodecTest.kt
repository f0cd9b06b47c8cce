package io.dstruct.codec

import com.fasterxml.jackson.annotation.JsonSubTypes
import com.fasterxml.jackson.annotation.JsonTypeInfo
import io.dstruct.Codecs
import io.dstruct.DsCodecException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.atomic.AtomicInteger

@JvmRecord
data class Point(val x: Int, val name: String)

/** A bean with a no-argument constructor, setters and getters. */
class Account {
  var id: Long = 0
  var owner: String? = null
  var tags: List<String> = emptyList()
}

/** Holds an untyped field: the data must not be able to pick its class. */
class Envelope {
  var payload: Any? = null
}

/** A bean whose getter fails while it is written. */
class Exploding {
  val boom: String
    get() = throw IllegalStateException("boom")
}

/** A user type that asks Jackson for class-name type ids, which ds refuses to decode. */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
abstract class Shape

class Circle : Shape() {
  var radius: Int = 0
}

/** A class that no payload may instantiate; counts its constructions. */
class Gadget : Shape() {
  init {
    built.incrementAndGet()
  }

  companion object {
    val built = AtomicInteger()
  }
}

/** Subtypes registered by name: the declared type lists every class the data may choose. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes(JsonSubTypes.Type(value = Cat::class, name = "cat"))
abstract class Animal

class Cat : Animal() {
  var lives: Int = 9
}

class JsonCodecTest : FunSpec({

  test("json_record_roundTrip") {
    val codec = Codecs.json(Point::class.java)
    codec.decode(codec.encode(Point(3, "a"))) shouldBe Point(3, "a")
    codec.decode("""{"x": 1, "name": "b"}""".toByteArray()) shouldBe Point(1, "b")
  }

  test("json_pojo_roundTrip") {
    val codec = Codecs.json(Account::class.java)
    val account = Account().apply { id = 7; owner = "ann"; tags = listOf("a", "b") }
    val back = codec.decode(codec.encode(account))
    back.id shouldBe 7L
    back.owner shouldBe "ann"
    back.tags shouldBe listOf("a", "b")
  }

  test("json_string_roundTrip") {
    val codec = Codecs.json(String::class.java)
    codec.encode("hé") shouldBe "\"hé\"".toByteArray()
    codec.decode(codec.encode("hé")) shouldBe "hé"
  }

  test("json_map_equalMapsGiveEqualBytes") {
    val codec = Codecs.json(Map::class.java)
    codec.encode(linkedMapOf("b" to 1, "a" to 2)) shouldBe codec.encode(linkedMapOf("a" to 2, "b" to 1))
  }

  test("json_unknownProperty_isIgnored") {
    Codecs.json(Point::class.java).decode("""{"x": 1, "name": "b", "extra": true}""".toByteArray()) shouldBe Point(1, "b")
  }

  test("json_malformed_throwsCodecException") {
    val codec = Codecs.json(Point::class.java)
    val bad = listOf("", "not json", "{", """{"x": "one", "name": "b"}""", """{"x": 1, "name": "b"} x""",
      """[1, 2]""", "\u0000", """{"x": 1e999999, "name": "b"}""")
    for (s in bad) {
      shouldThrow<DsCodecException> { codec.decode(s.toByteArray()) }.message shouldContain "json(io.dstruct.codec.Point)"
    }
    shouldThrow<DsCodecException> { codec.decode(byteArrayOf(0xff.toByte(), 0xfe.toByte())) }
  }

  test("json_storedNull_throwsCodecException") {
    shouldThrow<DsCodecException> { Codecs.json(Point::class.java).decode("null".toByteArray()) }
    shouldThrow<DsCodecException> { Codecs.json(String::class.java).decode("null".toByteArray()) }
  }

  test("json_deepNesting_throwsCodecException") {
    val deep = "[".repeat(100_000) + "]".repeat(100_000)
    shouldThrow<DsCodecException> { Codecs.json(Any::class.java).decode(deep.toByteArray()) }
  }

  test("json_unencodable_throwsCodecException") {
    shouldThrow<DsCodecException> { Codecs.json(Exploding::class.java).encode(Exploding()) }
      .message shouldContain "boom"
    val list = ArrayList<Any>()
    list.add(list)
    shouldThrow<DsCodecException> { Codecs.json(Any::class.java).encode(list) }
  }

  test("json_classFieldOnDeclaredType_decodesAsDeclaredType") {
    val payload = """{"@class": "io.dstruct.codec.Gadget", "x": 1, "name": "a"}"""
    Codecs.json(Point::class.java).decode(payload.toByteArray()) shouldBe Point(1, "a")
    Gadget.built.get() shouldBe 0
  }

  test("json_classNameInUntypedField_staysPlainData") {
    val codec = Codecs.json(Envelope::class.java)
    val envelope = codec.decode("""{"payload": {"@class": "io.dstruct.codec.Gadget"}}""".toByteArray())
    envelope.payload shouldBe mapOf("@class" to "io.dstruct.codec.Gadget")
    val wrapped = codec.decode("""{"payload": ["io.dstruct.codec.Gadget", {}]}""".toByteArray())
    wrapped.payload shouldBe listOf("io.dstruct.codec.Gadget", emptyMap<String, Any>())
    Codecs.json(Any::class.java).decode("""["java.util.Date", 0]""".toByteArray()).shouldBeInstanceOf<List<*>>()
    Gadget.built.get() shouldBe 0
  }

  test("json_classNameTypeIds_areRefused") {
    val codec = Codecs.json(Shape::class.java)
    shouldThrow<DsCodecException> { codec.decode("""{"@class": "io.dstruct.codec.Gadget"}""".toByteArray()) }
    // Even a legitimate subtype: a class name from the data is never resolved.
    shouldThrow<DsCodecException> { codec.decode("""{"@class": "io.dstruct.codec.Circle", "radius": 2}""".toByteArray()) }
    Gadget.built.get() shouldBe 0
  }

  test("json_namedSubtypes_work") {
    val codec = Codecs.json(Animal::class.java)
    val cat = codec.decode("""{"kind": "cat", "lives": 7}""".toByteArray())
    cat.shouldBeInstanceOf<Cat>()
    cat.lives shouldBe 7
    codec.decode(codec.encode(Cat())).shouldBeInstanceOf<Cat>()
    shouldThrow<DsCodecException> { codec.decode("""{"kind": "io.dstruct.codec.Gadget"}""".toByteArray()) }
    Gadget.built.get() shouldBe 0
  }
})
