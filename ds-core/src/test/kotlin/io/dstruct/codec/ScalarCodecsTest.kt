package io.dstruct.codec

import io.dstruct.Codecs
import io.dstruct.DsCodecException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.random.Random

private fun ascii(s: String): ByteArray = s.toByteArray(Charsets.US_ASCII)

class ScalarCodecsTest : FunSpec({

  test("string_roundTrip") {
    for (s in listOf("", "plain", "é ü 中文 😀", "\u0000nul", "str:not a prefix")) {
      Codecs.string().decode(Codecs.string().encode(s)) shouldBe s
    }
    Codecs.string().encode("é") shouldBe byteArrayOf(0xc3.toByte(), 0xa9.toByte())
  }

  test("string_invalidUtf8_throwsCodecException") {
    for (bad in listOf(byteArrayOf(0xff.toByte()), byteArrayOf(0xc3.toByte()), byteArrayOf(0xed.toByte(), 0xa0.toByte(), 0x80.toByte()))) {
      shouldThrow<DsCodecException> { Codecs.string().decode(bad) }.message shouldContain "UTF-8"
    }
  }

  test("string_unpairedSurrogate_throwsCodecException") {
    shouldThrow<DsCodecException> { Codecs.string().encode("a\uDC00") }
  }

  test("longs_roundTrip") {
    for (n in listOf(0L, 1L, -1L, 42L, Long.MAX_VALUE, Long.MIN_VALUE)) {
      Codecs.longs().decode(Codecs.longs().encode(n)) shouldBe n
    }
  }

  test("longs_encode_writesIncrForm") {
    Codecs.longs().encode(42L) shouldBe ascii("42")
    Codecs.longs().encode(-7L) shouldBe ascii("-7")
    Codecs.longs().encode(Long.MIN_VALUE) shouldBe ascii("-9223372036854775808")
  }

  test("longs_malformed_throwsCodecException") {
    val bad = listOf("", "-", "+1", "01", "-0", "1.0", "1e3", " 1", "1 ", "abc", "9223372036854775808",
      "-9223372036854775809", "1".repeat(25), "١")
    for (s in bad) {
      shouldThrow<DsCodecException> { Codecs.longs().decode(s.toByteArray()) }.message shouldContain "longs()"
    }
  }

  test("doubles_roundTrip") {
    for (d in listOf(0.0, -0.0, 3.5, 0.1, 1e16, 1e-5, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
      Codecs.doubles().decode(Codecs.doubles().encode(d)).toRawBits() shouldBe d.toRawBits()
    }
    Codecs.doubles().decode(Codecs.doubles().encode(Double.NaN)).isNaN() shouldBe true
  }

  test("doubles_randomBits_roundTripExactly") {
    val random = Random(42)
    repeat(20_000) {
      val d = Double.fromBits(random.nextLong())
      val back = Codecs.doubles().decode(Codecs.doubles().encode(d))
      if (d.isNaN()) back.isNaN() shouldBe true else back.toRawBits() shouldBe d.toRawBits()
    }
  }

  test("doubles_encode_writesShortestDecimal") {
    Codecs.doubles().encode(3.5) shouldBe ascii("3.5")
    Codecs.doubles().encode(0.1) shouldBe ascii("0.1")
    Codecs.doubles().encode(10.0) shouldBe ascii("10.0")
    Codecs.doubles().encode(1e16) shouldBe ascii("1e+16")
    Codecs.doubles().encode(Double.POSITIVE_INFINITY) shouldBe ascii("inf")
    Codecs.doubles().encode(Double.NEGATIVE_INFINITY) shouldBe ascii("-inf")
    Codecs.doubles().encode(Double.NaN) shouldBe ascii("nan")
  }

  test("doubles_decode_readsRedisAndJavaForms") {
    // INCRBYFLOAT writes fixed notation without trailing zeros; Java's Double.toString uses E.
    Codecs.doubles().decode(ascii("10.5")) shouldBe 10.5
    Codecs.doubles().decode(ascii("300")) shouldBe 300.0
    Codecs.doubles().decode(ascii("3.0000000000000001")) shouldBe 3.0
    Codecs.doubles().decode(ascii("-2")) shouldBe -2.0
    Codecs.doubles().decode(ascii("1.0E10")) shouldBe 1e10
    Codecs.doubles().decode(ascii("1e+16")) shouldBe 1e16
    Codecs.doubles().decode(ascii(".5")) shouldBe 0.5
    Codecs.doubles().decode(ascii("5.")) shouldBe 5.0
    Codecs.doubles().decode(ascii("+1.5")) shouldBe 1.5
    Codecs.doubles().decode(ascii("Infinity")) shouldBe Double.POSITIVE_INFINITY
    Codecs.doubles().decode(ascii("-Infinity")) shouldBe Double.NEGATIVE_INFINITY
    Codecs.doubles().decode(ascii("-inf")) shouldBe Double.NEGATIVE_INFINITY
    Codecs.doubles().decode(ascii("NaN")).isNaN() shouldBe true
  }

  test("doubles_malformed_throwsCodecException") {
    val bad = listOf("", "abc", "-", ".", "1e", "1e+", "0x1p3", "1.0f", "1d", " 1.0", "1.0 ", "1_000", "--1",
      "inf inity", "1.2.3", "e5")
    for (s in bad) {
      shouldThrow<DsCodecException> { Codecs.doubles().decode(s.toByteArray()) }.message shouldContain "doubles()"
    }
  }

  test("bytes_roundTrip_isIdentity") {
    val array = byteArrayOf(0, 1, -1, 42)
    Codecs.bytes().encode(array) shouldBeSameInstanceAs array
    Codecs.bytes().decode(array) shouldBeSameInstanceAs array
    Codecs.bytes().decode(ByteArray(0)).size shouldBe 0
  }

  test("codecs_areSingletons") {
    Codecs.string() shouldBeSameInstanceAs Codecs.string()
    Codecs.typed() shouldBeSameInstanceAs Codecs.typed()
  }
})
