package io.dstruct

import com.fasterxml.jackson.annotation.JsonCreator
import com.fasterxml.jackson.annotation.JsonProperty
import io.dstruct.StoreFixtures.Address
import io.dstruct.StoreFixtures.Everything
import io.dstruct.StoreFixtures.Order
import io.dstruct.StoreFixtures.Status
import io.dstruct.StoreFixtures.Texts
import io.dstruct.internal.store.ObjectFields
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.Codepoint
import io.kotest.property.arbitrary.choice
import io.kotest.property.arbitrary.codepoints
import io.kotest.property.arbitrary.filter
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.map
import io.kotest.property.arbitrary.of
import io.kotest.property.arbitrary.string
import io.kotest.property.checkAll
import org.redisson.client.codec.StringCodec
import java.math.BigDecimal
import java.math.BigInteger
import java.net.URI
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.Year
import java.util.Optional
import java.util.UUID

/** A Kotlin class mapped by plain Jackson (no Kotlin module): a creator names its parameters. */
data class JacksonItem @JsonCreator constructor(
  @param:JsonProperty("id") @Id val id: Long,
  @param:JsonProperty("name") @Indexed val name: String,
  @param:JsonProperty("score") @Ordered val score: Double,
  @param:JsonProperty("tags") val tags: List<String>,
  @param:JsonProperty("note") val note: String?,
)

/** A codec that writes the JSON text it is given, and decodes by remembering the text it was handed. */
class ScriptedCodec(var written: String = "{}") : Codec<Texts> {
  var decoded: String? = null

  override fun encode(value: Texts): ByteArray = written.toByteArray()

  override fun decode(bytes: ByteArray): Texts {
    decoded = String(bytes)
    return Texts("x", null, null, null, null)
  }
}

class ObjectFieldsTest : FunSpec({
  val ds = Ds.connect(TestRedis.uri())
  afterSpec { ds.close() }

  val orders = ObjectFields(ObjectSchema.of(Order::class.java))
  val everything = ObjectFields(ObjectSchema.of(Everything::class.java))
  val texts = ObjectFields(ObjectSchema.of(Texts::class.java))

  val order = Order(7, "acme", Status.HELD, 1_700_000_000_123, "R-1", 42, 9.5, 3, listOf("a", "b"),
    Address("Paris", "75001"), true, null)

  fun everything(text: String = "plain") = Everything(
    -5, text, 'é', Int.MIN_VALUE, 12, Long.MAX_VALUE, 0.1, 1.5f, BigDecimal("12345678901234567890.000001"),
    BigInteger.TEN.pow(30).negate(), true, false, UUID(1, 2), Instant.ofEpochSecond(1_700_000_000, 5),
    LocalDate.of(2026, 2, 28), Duration.ofSeconds(90), Year.of(2026), URI("https://example.com/a?b=c"),
    Status.CLOSED, listOf(1, -2, 3), linkedMapOf("k" to "v", "é" to "\""), Address("Köln", "50667"),
    listOf(Address("a", "1"), Address("b", "2")), Optional.of("o"))

  fun scripted(codec: ScriptedCodec) = ObjectFields(ObjectSchema.builder(Texts::class.java, codec).id("id").build())

  test("encode_order_fieldsAreTextNumberBooleanAndCompactJson") {
    val fields = orders.encode(order)
    fields shouldContainExactly linkedMapOf(
      "id" to "7", "tenant" to "acme", "status" to "HELD", "createdAt" to "1700000000123", "ref" to "R-1",
      "number" to "42", "price" to "9.5", "version" to "3", "tags" to """["a","b"]""",
      "address" to """{"city":"Paris","zip":"75001"}""", "paid" to "true", "note" to null)
    fields.keys.toList() shouldBe ObjectSchema.of(Order::class.java).properties().keys.toList()
  }

  test("decode_encodedOrder_roundTrips") {
    val fields = orders.encode(order)
    orders.decode("k", fields.filterValues { it != null }.mapValues { it.value!! }) shouldBe order
  }

  test("roundTrip_everyType") {
    val e = everything()
    val fields = everything.encode(e)
    fields["letter"] shouldBe "é"
    fields["small"] shouldBe Int.MIN_VALUE.toString()
    fields["big"] shouldBe Long.MAX_VALUE.toString()
    fields["decimal"] shouldBe "12345678901234567890.000001"
    fields["huge"] shouldBe "-1" + "0".repeat(30)
    fields["flag"] shouldBe "true"
    fields["maybe"] shouldBe "false"
    fields["uuid"] shouldBe "00000000-0000-0001-0000-000000000002"
    fields["day"] shouldBe "2026-02-28"
    fields["year"] shouldBe "2026"
    fields["uri"] shouldBe "https://example.com/a?b=c"
    fields["status"] shouldBe "CLOSED"
    fields["numbers"] shouldBe "[1,-2,3]"
    fields["option"] shouldBe "\"o\""
    everything.decode("k", fields.mapValues { it.value!! }) shouldBe e
  }

  test("roundTrip_nulls_becomeNullEntries_andMissingFieldsDecodeToNull") {
    val e = everything().copyWith(boxed = null, maybe = null, text = null, address = null, option = Optional.empty())
    val fields = everything.encode(e)
    fields["boxed"] shouldBe null
    fields.containsKey("boxed") shouldBe true
    fields["maybe"] shouldBe null
    fields["text"] shouldBe null
    fields["address"] shouldBe null
    fields["option"] shouldBe null
    everything.decode("k", fields.filterValues { it != null }.mapValues { it.value!! }) shouldBe e
  }

  test("roundTrip_nonFiniteDoubles_asNaNAndInfinityText") {
    for (d in listOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
      val e = everything().copyWith(real = d)
      val fields = everything.encode(e)
      fields["real"] shouldBe d.toString()
      everything.decode("k", fields.mapValues { it.value!! }).real().toString() shouldBe d.toString()
    }
  }

  test("roundTrip_escapeHeavyStrings_fieldHoldsThePlainText") {
    val strings = listOf(
      "", "\u0000", "a\u0000b", "\"", "\\", "\\\"", "\"\\\"\\", "\\u0041", "\n\r\t\b\u000c", "\u0001\u001f\u007f",
      "😀", "a😀b😀", "\u2028\u2029", "é ü ß 中文 עברית", "\uFEFF", "</script>", "{\"a\":1}", "[1,2]", "null",
      "true", "123", " spaces ", "\uD83D\uDE00\u0000\"",
    )
    for (s in strings) {
      val t = Texts(s, s, "x$s", listOf(s, s), mapOf(s to s))
      val fields = texts.encode(t)
      fields["id"] shouldBe s
      fields["a"] shouldBe s
      fields["b"] shouldBe "x$s"
      texts.decode("k", fields.mapValues { it.value!! }) shouldBe t
    }
  }

  test("roundTrip_randomStrings_property") {
    val special = Arb.of(listOf(0, 1, 8, 9, 10, 13, 31, 34, 39, 47, 92, 127, 0x2028, 0xFEFF, 0xFFFF, 0x1F600, 0x10FFFF)
      .map { Codepoint(it) })
    val anyScalar = Arb.codepoints().filter { it.value !in 0xD800..0xDFFF }
    val chars = Arb.choice(special, anyScalar, Arb.of(listOf('a', 'u', '0', 'e', ' ').map { Codepoint(it.code) }))
    val strings = Arb.string(0..40, chars)
    checkAll(1000, PropTestConfig(seed = 20261201L), strings, strings, Arb.list(strings, 0..4)) { a, b, list ->
      val t = Texts(a, a, b, list, list.associateWith { b })
      val fields = texts.encode(t)
      fields["a"] shouldBe a
      fields["b"] shouldBe b
      texts.decode("k", fields.mapValues { it.value!! }) shouldBe t
    }
  }

  test("roundTrip_throughARealRedisHash") {
    val map = ds.redisson().getMap<String, String>(TestRedis.namespace("fields") + ":obj:1", StringCodec.INSTANCE)
    for (t in listOf(
      Texts("1", "\u0000😀\"\\", "é\n", listOf("\u0000"), mapOf("😀" to "\\u0000")),
      Texts("2", "", null, listOf(), mapOf()),
    )) {
      map.delete()
      val fields = texts.encode(t)
      map.putAll(fields.filterValues { it != null }.mapValues { it.value!! })
      map.put("_dsVersion", "7")
      val stored = map.readAllMap()
      stored["a"] shouldBe t.a()
      texts.decode(map.name, stored) shouldBe t
    }
    map.delete()
  }

  test("roundTrip_kotlinClassMappedByJackson") {
    val fields = ObjectFields(ObjectSchema.of(JacksonItem::class.java))
    val item = JacksonItem(3, "n\"ame", 2.25, listOf("t"), null)
    val encoded = fields.encode(item)
    encoded shouldContainExactly mapOf("id" to "3", "name" to "n\"ame", "score" to "2.25", "tags" to "[\"t\"]", "note" to null)
    fields.decode("k", encoded.filterValues { it != null }.mapValues { it.value!! }) shouldBe item
  }

  test("decode_ignoresReservedFields_andPutsSchemaPropertiesFirst_unknownFieldsRaw") {
    val codec = ScriptedCodec()
    val f = scripted(codec)
    f.decode("k", linkedMapOf("extra" to "[1, {\"a\" : 2}]", "_dsVersion" to "3", "a" to "x\"y", "_ds" to "{", "id" to "i"))
    codec.decoded shouldBe """{"id":"i","a":"x\"y","b":null,"list":null,"map":null,"extra":[1,{"a":2}]}"""
  }

  test("encode_compactsWhitespace_andKeepsUnknownMembersRaw") {
    val codec = ScriptedCodec(""" { "id" : "1" , "list" : [ 1 , { "a" : "x y" } , [ ] ] , "extra" : "s" , "n" : -1.5e+3 , "map" : null } """)
    val fields = scripted(codec).encode(Texts("1", null, null, null, null))
    fields shouldContainExactly linkedMapOf(
      "id" to "1", "list" to """[1,{"a":"x y"},[]]""", "extra" to "\"s\"", "n" to "-1.5e+3", "map" to null)
  }

  test("encode_codecWritesNoJsonObject_codecException") {
    val codec = ScriptedCodec()
    val f = scripted(codec)
    for (bad in listOf("", "[]", "\"x\"", "1", "null", "{", "{\"id\":1,}", "{\"id\":\"1\"} x", "{'id':1}", "{\"a\":NaN}",
      "{\"a\":01}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{\"a\":tru}",
      "{\"a\":[1 2]}", "{\"a\":\"\\u12\"}", "{\"deep\":" + "[".repeat(1000) + "]".repeat(1000) + "}")) {
      codec.written = bad
      val e = shouldThrow<DsCodecException> { f.encode(Texts("1", null, null, null, null)) }
      e.message shouldContain Texts::class.java.name
      e.key() shouldBe null
    }
    codec.written = "{\"deep\":" + "[".repeat(999) + "]".repeat(999) + "}"
    f.encode(Texts("1", null, null, null, null))["deep"] shouldBe "[".repeat(999) + "]".repeat(999)
  }

  test("encode_invalidUtf8FromTheCodec_codecException") {
    val bytes = byteArrayOf('{'.code.toByte(), '"'.code.toByte(), 0xC3.toByte(), '"'.code.toByte(), ':'.code.toByte(), '1'.code.toByte(), '}'.code.toByte())
    val schema = ObjectSchema.builder(Texts::class.java, object : Codec<Texts> {
      override fun encode(value: Texts) = bytes
      override fun decode(bytes: ByteArray) = Texts("x", null, null, null, null)
    }).id("id").build()
    shouldThrow<DsCodecException> { ObjectFields(schema).encode(Texts("1", null, null, null, null)) }.message shouldContain "UTF-8"
  }

  test("encode_memberOfTheWrongJsonType_codecException") {
    val codec = ScriptedCodec()
    val f = ObjectFields(ObjectSchema.builder(Everything::class.java, object : Codec<Everything> {
      override fun encode(value: Everything) = codec.written.toByteArray()
      override fun decode(bytes: ByteArray) = everything()
    }).id("id").build())
    for ((json, property) in listOf("""{"text":1}""" to "text", """{"small":"1"}""" to "small",
      """{"small":"nan"}""" to "small", """{"flag":"true"}""" to "flag", """{"flag":1}""" to "flag",
      """{"text":["a"]}""" to "text", """{"real":{}}""" to "real")) {
      codec.written = json
      val m = shouldThrow<DsCodecException> { f.encode(everything()) }.message!!
      m shouldContain "property '$property'"
    }
    codec.written = """{"text":"\ud800"}"""
    shouldThrow<DsCodecException> { f.encode(everything()) }.message shouldContain "unpaired surrogate"
    codec.written = """{"numbers":"\ud800","real":"Infinity","maybe":null}"""
    f.encode(everything()) shouldContainExactly linkedMapOf("numbers" to "\"\\ud800\"", "real" to "Infinity", "maybe" to null)
  }

  test("encode_reservedMemberName_invalidArgument") {
    val codec = ScriptedCodec("""{"id":"1","_dsType":"x"}""")
    shouldThrow<DsInvalidArgumentException> { scripted(codec).encode(Texts("1", null, null, null, null)) }
      .message shouldContain "'_dsType'"
  }

  test("encode_codecThrows_codecException") {
    val schema = ObjectSchema.builder(Texts::class.java, object : Codec<Texts> {
      override fun encode(value: Texts): ByteArray = throw IllegalStateException("boom")
      override fun decode(bytes: ByteArray) = Texts("x", null, null, null, null)
    }).id("id").build()
    val e = shouldThrow<DsCodecException> { ObjectFields(schema).encode(Texts("1", null, null, null, null)) }
    e.message shouldContain "boom"
    (e.cause is IllegalStateException) shouldBe true
  }

  test("decode_corruptFields_codecExceptionNamingTheKey") {
    val good = everything.encode(everything()).mapValues { it.value!! }
    val key = "{store}:obj:-5"
    for ((field, text) in listOf("small" to "abc", "small" to "", "small" to " 1", "small" to "1.", "small" to "0x10",
      "real" to "nan", "flag" to "yes", "flag" to "True", "numbers" to "[1,", "numbers" to "", "address" to "{a:1}",
      "extra" to "not json", "extra" to "")) {
      val e = shouldThrow<DsCodecException> { everything.decode(key, good + (field to text)) }
      e.key() shouldBe key
      e.message shouldContain key
      e.message shouldContain "field '$field'"
    }
  }

  test("decode_codecRefusesTheObject_codecExceptionNamingTheKey") {
    val good = everything.encode(everything()).mapValues { it.value!! }
    for ((field, text) in listOf("numbers" to """{"a":1}""", "small" to "99999999999", "day" to "yesterday")) {
      val e = shouldThrow<DsCodecException> { everything.decode("obj:1", good + (field to text)) }
      e.key() shouldBe "obj:1"
      e.message shouldContain "refused"
    }
  }

  test("decode_unknownFieldsReachTheCodec_reservedOnesDoNot") {
    // Jackson 3 ignores unknown properties by default; a reserved field never reaches it, however corrupt.
    val good = orders.encode(order).filterValues { it != null }.mapValues { it.value!! }
    orders.decode("o:7", good + ("stray" to "{\"x\":[1]}") + ("_dsExpires" to "{garbage")) shouldBe order
  }

  test("updateText_eachKind_matchesWhatEncodeWrites") {
    val e = everything()
    val fields = everything.encode(e)
    for ((property, value) in listOf("text" to e.text(), "letter" to e.letter(), "small" to e.small(), "boxed" to e.boxed(),
      "big" to e.big(), "real" to e.real(), "single" to e.single(), "decimal" to e.decimal(), "huge" to e.huge(),
      "flag" to e.flag(), "maybe" to e.maybe(), "status" to e.status())) {
      everything.updateText(property, value) shouldBe fields[property]
    }
    everything.updateText("status", "HELD") shouldBe "HELD"
    everything.updateText("big", 5) shouldBe "5"
    everything.updateText("big", BigDecimal("5.000")) shouldBe "5"
    everything.updateText("small", (-7).toShort()) shouldBe "-7"
    everything.updateText("huge", Long.MIN_VALUE) shouldBe Long.MIN_VALUE.toString()
    everything.updateText("real", 3) shouldBe "3"
    everything.updateText("real", Double.NaN) shouldBe "NaN"
    everything.updateText("decimal", BigDecimal("1E+3")) shouldBe "1E+3"
    everything.updateText("year", 2027) shouldBe "2027"
    everything.updateText("text", Status.OPEN) shouldBe "OPEN"
    everything.updateText("text", "\u0000😀") shouldBe "\u0000😀"
    everything.updateText("letter", "x") shouldBe "x"
    everything.updateText("text", null) shouldBe null
    everything.updateText("small", null) shouldBe null
  }

  test("updateText_badValues_invalidArgument") {
    fun refused(property: String, value: Any?) =
      shouldThrow<DsInvalidArgumentException> { everything.updateText(property, value) }.message!!
    refused("nope", "x") shouldContain "'nope' is not a property"
    refused("numbers", listOf(1)) shouldContain "property 'numbers' holds JSON"
    refused("address", null) shouldContain "property 'address' holds JSON"
    refused("status", "PENDING") shouldContain "no constant named 'PENDING'"
    refused("status", 1) shouldContain "property 'status'"
    refused("letter", "ab") shouldContain "one character"
    refused("text", 5) shouldContain "a String, Character or Enum"
    refused("text", UUID(1, 1)) shouldContain "a String, Character or Enum"
    refused("text", "\ud800") shouldContain "unpaired surrogate"
    refused("small", "5") shouldContain "a Number"
    refused("small", 1L shl 40) shouldContain "between -2147483648 and 2147483647"
    refused("small", 1.5) shouldContain "a whole number"
    refused("big", 2.0) shouldContain "a whole number"
    refused("big", BigInteger.TWO.pow(63)) shouldContain "between"
    refused("big", BigDecimal("1.5")) shouldContain "a whole number"
    refused("flag", "true") shouldContain "a Boolean"
    refused("maybe", 1) shouldContain "a Boolean"
  }
})

/** Returns a copy of this record with some components replaced. */
private fun Everything.copyWith(
  text: String? = text(), boxed: Int? = boxed(), real: Double = real(), maybe: Boolean? = maybe(),
  address: Address? = address(), option: Optional<String>? = option(),
) = Everything(id(), text, letter(), small(), boxed, big(), real, single(), decimal(), huge(), flag(), maybe, uuid(),
  at(), day(), span(), year(), uri(), status(), numbers(), labels(), address, addresses(), option)
