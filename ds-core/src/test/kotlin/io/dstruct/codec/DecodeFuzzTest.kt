package io.dstruct.codec

import io.dstruct.Codec
import io.dstruct.Codecs
import io.dstruct.DsCodecException
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.math.BigInteger
import kotlin.random.Random

/**
 * Feeds random and mutated bytes to every decoder: whatever happens, nothing but a
 * [DsCodecException] may escape.
 */
class DecodeFuzzTest : FunSpec({

  val decoders: List<Pair<String, Codec<*>>> = listOf(
    "typed" to Codecs.typed(),
    "string" to Codecs.string(),
    "longs" to Codecs.longs(),
    "doubles" to Codecs.doubles(),
    "bytes" to Codecs.bytes(),
    "json(Point)" to Codecs.json(Point::class.java),
    "json(Any)" to Codecs.json(Any::class.java),
  )

  val seeds: List<ByteArray> = listOf<Any>(
    "str:hello", 42L, BigInteger.TEN.pow(25), 3.5, 1e16, true, Codecs.NONE,
    listOf(1L, "a", null, 2.5, listOf(true)), linkedMapOf("a" to 1L, "b" to listOf("é", mapOf("c" to null))),
  ).map { Codecs.typed().encode(it) } + listOf(
    """{"x": 1, "name": "a"}""", "-9223372036854775808", "1e+16", "nan",
  ).map { it.toByteArray() }

  /** Decodes with every decoder; returns how many calls failed with a DsCodecException. */
  fun decodeAll(bytes: ByteArray): Int {
    var failures = 0
    for ((name, codec) in decoders) {
      try {
        codec.decode(bytes)
      } catch (e: DsCodecException) {
        failures++
      } catch (e: Throwable) {
        throw AssertionError("$name.decode threw ${e.javaClass.name} for ${bytes.toList()}", e)
      }
    }
    return failures
  }

  test("decode_randomBytes_onlyThrowsCodecException") {
    val random = Random(1)
    var failures = 0
    repeat(5_000) {
      val bytes = random.nextBytes(random.nextInt(0, 40))
      failures += decodeAll(bytes)
    }
    (failures > 0) shouldBe true
  }

  test("decode_randomAsciiWithPrefix_onlyThrowsCodecException") {
    val prefixes = listOf("str:", "int:", "float:", "bool:", "NoneType:", "list:", "dict:", "")
    val alphabet = "[]{}\",:0123456789-+.eE \\untrulsfaNIy\u0000é"
    val random = Random(2)
    repeat(5_000) {
      val body = String(CharArray(random.nextInt(0, 30)) { alphabet[random.nextInt(alphabet.length)] })
      decodeAll((prefixes.random(random) + body).toByteArray())
    }
  }

  test("decode_mutatedValidValues_onlyThrowsCodecException") {
    val random = Random(3)
    repeat(10_000) {
      val bytes = seeds.random(random).copyOf()
      val mutated = when (random.nextInt(4)) {
        0 -> bytes.also { if (it.isNotEmpty()) it[random.nextInt(it.size)] = random.nextInt(256).toByte() }
        1 -> bytes.copyOf(random.nextInt(bytes.size + 1))
        2 -> bytes + random.nextBytes(random.nextInt(1, 4))
        else -> bytes.also { if (it.isNotEmpty()) it[random.nextInt(it.size)] = "[]{}\",:\\".random(random).code.toByte() }
      }
      decodeAll(mutated)
    }
  }
})
