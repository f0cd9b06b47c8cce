package io.dstruct.codec

import io.dstruct.Codecs
import io.dstruct.DsCodecException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.lang.reflect.InvocationTargetException
import java.math.BigInteger
import java.util.Date
import java.util.TreeMap
import kotlin.random.Random

private val typed = Codecs.typed()

/** The stored bytes of [value], as text (every form except `str:` is ASCII). */
private fun stored(value: Any): String = String(typed.encode(value), Charsets.UTF_8)

private fun load(stored: String): Any = typed.decode(stored.toByteArray(Charsets.UTF_8))

private fun roundTrip(value: Any): Any = typed.decode(typed.encode(value))

class TypedCodecTest : FunSpec({

  // Round trips, one per type.

  test("typed_str_roundTrip") {
    for (s in listOf("", "a string", "a:b:c", "é ü 😀 中文", "line\nbreak\u0000nul")) {
      roundTrip(s) shouldBe s
    }
  }

  test("typed_int_roundTrip") {
    for (n in listOf(0L, 42L, -7L, Long.MAX_VALUE, Long.MIN_VALUE)) {
      roundTrip(n) shouldBe n
    }
    roundTrip(42) shouldBe 42L
    roundTrip(7.toShort()) shouldBe 7L
    roundTrip((-3).toByte()) shouldBe -3L
  }

  test("typed_bigInteger_roundTrip") {
    val big = BigInteger("123456789012345678901234567890")
    roundTrip(big) shouldBe big
    roundTrip(big.negate()) shouldBe big.negate()
    // A BigInteger that fits a long comes back as a Long.
    roundTrip(BigInteger.valueOf(5)) shouldBe 5L
  }

  test("typed_float_roundTrip") {
    for (d in listOf(3.5, 0.1, -0.0, 0.0, 1e16, 1e-5, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3)) {
      (roundTrip(d) as Double).toRawBits() shouldBe d.toRawBits()
    }
    roundTrip(Double.POSITIVE_INFINITY) shouldBe Double.POSITIVE_INFINITY
    roundTrip(Double.NEGATIVE_INFINITY) shouldBe Double.NEGATIVE_INFINITY
    (roundTrip(Double.NaN) as Double).isNaN() shouldBe true
    roundTrip(1.1f) shouldBe 1.1
  }

  test("typed_float_randomBits_roundTripExactly") {
    val random = Random(20240601)
    repeat(20_000) {
      val d = Double.fromBits(random.nextLong())
      val back = roundTrip(d) as Double
      if (d.isNaN()) back.isNaN() shouldBe true else back.toRawBits() shouldBe d.toRawBits()
    }
  }

  test("typed_bool_roundTrip") {
    roundTrip(true) shouldBe true
    roundTrip(false) shouldBe false
  }

  test("typed_none_roundTrip") {
    roundTrip(Codecs.NONE) shouldBeSameInstanceAs Codecs.NONE
    Codecs.NONE.toString() shouldBe "None"
  }

  test("typed_list_roundTrip") {
    val list = listOf(1L, "a", null, true, 2.5, BigInteger.TEN.pow(30), listOf<Any>(), mapOf("k" to listOf(1L)))
    roundTrip(list) shouldBe list
    roundTrip(listOf<Any>()) shouldBe listOf<Any>()
  }

  test("typed_dict_roundTrip") {
    val dict = linkedMapOf("b" to 1L, "a" to listOf(true, null), "ü" to mapOf("x" to "😀"), "" to -0.5)
    val back = roundTrip(dict)
    back shouldBe dict
    (back as Map<*, *>).keys.toList() shouldBe dict.keys.toList()
  }

  test("typed_nestedRandom_roundTrip") {
    val random = Random(7)
    fun element(depth: Int): Any? =
      when (if (depth > 4) random.nextInt(6) else random.nextInt(8)) {
        0 -> random.nextLong()
        1 -> String(CharArray(random.nextInt(6)) { (random.nextInt(0x20, 0x3000)).toChar() })
        2 -> random.nextBoolean()
        3 -> null
        4 -> Double.fromBits(random.nextLong()).takeIf { it.isFinite() } ?: 0.25
        5 -> BigInteger(100, java.util.Random(random.nextLong()))
          .let { if (it.bitLength() < 64) it.toLong() else it }
        6 -> List(random.nextInt(4)) { element(depth + 1) }
        else -> LinkedHashMap<String, Any?>().apply { repeat(random.nextInt(4)) { put("k$it", element(depth + 1)) } }
      }
    repeat(500) {
      val list = List(random.nextInt(5)) { element(0) }
      roundTrip(list) shouldBe list
    }
  }

  // The exact bytes that redis-dict writes (checked against CPython's str(), repr() and json.dumps).

  test("typed_encode_writesRedisDictBytes") {
    stored(42) shouldBe "int:42"
    stored(-7L) shouldBe "int:-7"
    stored(BigInteger.TWO.pow(64)) shouldBe "int:18446744073709551616"
    stored("a string") shouldBe "str:a string"
    stored("é") shouldBe "str:é"
    stored(true) shouldBe "bool:True"
    stored(false) shouldBe "bool:False"
    stored(Codecs.NONE) shouldBe "NoneType:None"
    stored(listOf(1, "a")) shouldBe """list:[1, "a"]"""
    stored(mapOf("a" to 1)) shouldBe """dict:{"a": 1}"""
    stored(linkedMapOf("a" to 1, "b" to listOf(true, null))) shouldBe """dict:{"a": 1, "b": [true, null]}"""
    stored(listOf<Any>()) shouldBe "list:[]"
    stored(mapOf<String, Any>()) shouldBe "dict:{}"
  }

  test("typed_float_writesPythonRepr") {
    stored(3.5) shouldBe "float:3.5"
    stored(100.0) shouldBe "float:100.0"
    stored(0.1 + 0.2) shouldBe "float:0.30000000000000004"
    stored(1.0 / 3) shouldBe "float:0.3333333333333333"
    stored(1e15) shouldBe "float:1000000000000000.0"
    stored(1e16) shouldBe "float:1e+16"
    stored(2.82879384806159E17) shouldBe "float:2.82879384806159e+17"
    stored(0.0001) shouldBe "float:0.0001"
    stored(1e-5) shouldBe "float:1e-05"
    stored(Double.MIN_VALUE) shouldBe "float:5e-324"
    stored(Double.MAX_VALUE) shouldBe "float:1.7976931348623157e+308"
    stored(-0.0) shouldBe "float:-0.0"
    stored(Double.POSITIVE_INFINITY) shouldBe "float:inf"
    stored(Double.NEGATIVE_INFINITY) shouldBe "float:-inf"
    stored(Double.NaN) shouldBe "float:nan"
    stored(1.1f) shouldBe "float:1.1"
  }

  test("typed_list_writesJsonDumpsEscapes") {
    val list = listOf(
      "é", "😀", "a\"b\\\\c\n\t\u0001\u007f", 1.5, 1e16, 1e-5,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      BigInteger.TEN.pow(30), -0.0, listOf<Any>(),
    )
    stored(list) shouldBe "list:" +
      """["\u00e9", "\ud83d\ude00", "a\"b\\\\c\n\t\u0001\u007f", 1.5, 1e+16, 1e-05, """ +
      """Infinity, -Infinity, NaN, 1000000000000000000000000000000, -0.0, []]"""
  }

  test("typed_dict_keepsOrderOfOrderedMaps") {
    stored(linkedMapOf("b" to 1, "a" to 2)) shouldBe """dict:{"b": 1, "a": 2}"""
    stored(TreeMap(mapOf("b" to 1, "a" to 2))) shouldBe """dict:{"a": 2, "b": 1}"""
    // A dict that Python wrote writes back to the same bytes.
    val python = """dict:{"z": 1, "\u00fc": {"x": []}, "k": {}}"""
    stored(load(python)) shouldBe python
  }

  test("typed_dict_unorderedMaps_writeInKeyOrder") {
    val a = HashMap<String, Any>()
    val b = HashMap<String, Any>(64)
    for (i in 0 until 20) a["k$i"] = i
    for (i in 19 downTo 0) b["k$i"] = i
    typed.encode(a) shouldBe typed.encode(b)
    typed.encode(java.util.Map.of("b", 1, "a", 2)) shouldBe """dict:{"a": 2, "b": 1}""".toByteArray()
  }

  test("typed_noneInsideList_writesNull") {
    stored(listOf(Codecs.NONE)) shouldBe "list:[null]"
  }

  // What Python writes, read back.

  test("typed_decode_readsPythonForms") {
    load("float:1e+16") shouldBe 1e16
    load("float:1e-05") shouldBe 1e-5
    load("float:inf") shouldBe Double.POSITIVE_INFINITY
    load("float:-inf") shouldBe Double.NEGATIVE_INFINITY
    (load("float:nan") as Double).isNaN() shouldBe true
    load("float:-0.0") shouldBe -0.0
    load("float:5e-324") shouldBe Double.MIN_VALUE
    load("int:123456789012345678901234567890") shouldBe BigInteger("123456789012345678901234567890")
    load("int:-9223372036854775808") shouldBe Long.MIN_VALUE
    load("int:9223372036854775808").shouldBeInstanceOf<BigInteger>()
    load("int:42").shouldBeInstanceOf<Long>()
    load("str:") shouldBe ""
    load("str:a:b") shouldBe "a:b"
    load("bool:True") shouldBe true
    load("NoneType:None") shouldBeSameInstanceAs Codecs.NONE
  }

  test("typed_decode_readsPythonJson") {
    load("""list:[1e400, -0, 1E2, 0.5e-3]""") shouldBe listOf(Double.POSITIVE_INFINITY, 0L, 100.0, 0.0005)
    load("""list:["\u00e9", "\ud83d\ude00", "\/"]""") shouldBe listOf("é", "😀", "/")
    load("""dict: {"a" : [ true , null ] }""") shouldBe mapOf("a" to listOf(true, null))
    load("""list:[ 1 ,2,"x" ]""") shouldBe listOf(1L, 2L, "x")
    load("""dict:{"a": 1, "a": 2}""") shouldBe mapOf("a" to 2L)
    load("""list:[NaN]""").let { ((it as List<*>)[0] as Double).isNaN() shouldBe true }
    load("""list:[-Infinity, Infinity]""") shouldBe listOf(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
    load("list:[99999999999999999999]") shouldBe listOf(BigInteger("99999999999999999999"))
  }

  // Malformed stored values.

  test("typed_unknownPrefix_throwsCodecException") {
    val e = shouldThrow<DsCodecException> { load("tuple:[1, 2]") }
    e.message shouldContain "tuple"
    e.message shouldContain "\"tuple:[1, 2]\""
    e.key() shouldBe null
    shouldThrow<DsCodecException> { load("datetime:2024-01-01T00:00:00") }
    shouldThrow<DsCodecException> { load("Str:x") }
    shouldThrow<DsCodecException> { load(":x") }
  }

  test("typed_noPrefix_throwsCodecException") {
    for (s in listOf("", "hello", "42", "NoneTypeX:None", "abcdefghijklmnop:x")) {
      shouldThrow<DsCodecException> { load(s) }.message shouldContain "type prefix"
    }
  }

  test("typed_longMalformedValue_messageIsTruncated") {
    val value = "tuple:" + "x".repeat(10_000)
    val e = shouldThrow<DsCodecException> { load(value) }
    e.message!!.length shouldBeLessThan 300
    e.message shouldContain "10006 bytes"
  }

  test("typed_malformedInt_throwsCodecException") {
    for (s in listOf("int:", "int:abc", "int:+1", "int:007", "int:-0", "int: 1", "int:1 ", "int:1.0", "int:1_000",
      "int:١", "int:" + "9".repeat(4301))) {
      shouldThrow<DsCodecException> { load(s) }
    }
    load("int:" + "9".repeat(4300)).shouldBeInstanceOf<BigInteger>()
  }

  test("typed_malformedFloat_throwsCodecException") {
    for (s in listOf("float:", "float:abc", "float:1e", "float:.", "float:-", "float:0x1p3", "float:1d",
      "float:1.0f", "float: 1.0", "float:1.0 ", "float:1_0.0", "float:infinityy", "float:1e+")) {
      shouldThrow<DsCodecException> { load(s) }
    }
  }

  test("typed_malformedBoolAndNone_throwsCodecException") {
    for (s in listOf("bool:true", "bool:1", "bool:", "bool:True ", "NoneType:null", "NoneType:", "NoneType:none")) {
      shouldThrow<DsCodecException> { load(s) }
    }
  }

  test("typed_malformedJson_throwsCodecException") {
    val bad = listOf(
      "list:", "list:{}", "list:null", "list:\"a\"", "list:[1,", "list:[1, 2] x", "list:[01]", "list:['a']",
      "list:[1,]", "list:[,]", "list:[\"\u0001\"]", "list:[\"\\x\"]", "list:[\"\\u12\"]", "list:[\"abc]",
      "list:[tru]", "list:[-]", "list:[1.]", "list:[.5]", "list:[1e]", "list:[+1]", "list:[infinity]",
      "list:[1] [2]", "list:[// c\n]", "dict:[]", "dict:{1: 2}", "dict:{\"a\" 1}", "dict:{\"a\": 1,}",
      "dict:{\"a\": 1 \"b\": 2}", "dict:{a: 1}", "list:[" + "9".repeat(4301) + "]",
    )
    for (s in bad) {
      shouldThrow<DsCodecException> { load(s) }.message shouldContain "stored value"
    }
  }

  test("typed_deepJson_throwsCodecException") {
    shouldThrow<DsCodecException> { load("list:" + "[".repeat(100_000) + "]".repeat(100_000)) }
    val deepest = "list:" + "[".repeat(1000) + "]".repeat(1000)
    stored(load(deepest)) shouldBe deepest
  }

  test("typed_invalidUtf8_throwsCodecException") {
    shouldThrow<DsCodecException> { typed.decode(byteArrayOf('s'.code.toByte(), 't'.code.toByte(), 'r'.code.toByte(), ':'.code.toByte(), 0xff.toByte())) }
    shouldThrow<DsCodecException> { typed.decode("list:[\"".toByteArray() + byteArrayOf(0xc3.toByte()) + "\"]".toByteArray()) }
  }

  // Values that typed() cannot encode.

  test("typed_unsupportedType_throwsCodecExceptionNamingIt") {
    shouldThrow<DsCodecException> { typed.encode(Date()) }.message shouldContain "java.util.Date"
    shouldThrow<DsCodecException> { typed.encode(setOf(1)) }.message shouldContain "Set"
    shouldThrow<DsCodecException> { typed.encode('c') }.message shouldContain "java.lang.Character"
    shouldThrow<DsCodecException> { typed.encode(java.math.BigDecimal.ONE) }.message shouldContain "BigDecimal"
    shouldThrow<DsCodecException> { typed.encode(listOf(Date())) }.message shouldContain "java.util.Date"
    shouldThrow<DsCodecException> { typed.encode(mapOf("a" to Any())) }.message shouldContain "java.lang.Object"
  }

  test("typed_nonStringDictKey_throwsCodecException") {
    shouldThrow<DsCodecException> { typed.encode(mapOf(1 to "a")) }.message shouldContain "java.lang.Integer"
    shouldThrow<DsCodecException> { typed.encode(mapOf(null to "a")) }
  }

  test("typed_selfContainingList_throwsCodecException") {
    val list = ArrayList<Any>()
    list.add(list)
    shouldThrow<DsCodecException> { typed.encode(list) }
  }

  test("typed_unpairedSurrogate_throwsCodecException") {
    shouldThrow<DsCodecException> { typed.encode("a\uD800b") }
    // Inside JSON it is escaped, as json.dumps does, so it round-trips.
    stored(listOf("\uD800")) shouldBe """list:["\ud800"]"""
    roundTrip(listOf("\uD800")) shouldBe listOf("\uD800")
  }

  test("typed_hugeBigInteger_throwsCodecException") {
    shouldThrow<DsCodecException> { typed.encode(BigInteger.TEN.pow(4300)) }
    stored(BigInteger.TEN.pow(4299)).length shouldBe 4 + 4300
  }

  test("typed_null_throwsNullPointerException") {
    // Kotlin cannot pass null to encode; Java can.
    val encode = typed.javaClass.getMethod("encode", Any::class.java)
    shouldThrow<InvocationTargetException> { encode.invoke(typed, null) }
      .targetException.shouldBeInstanceOf<NullPointerException>()
  }
})
