package io.dstruct.codec

import io.dstruct.Codecs
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.lang.reflect.InvocationTargetException
import java.net.URLClassLoader

/**
 * Loads ds-core's classes in a class loader that sees neither Jackson nor anything else of the test
 * class path, as when an application leaves out the optional Jackson dependency.
 */
class CodecsWithoutJacksonTest : FunSpec({

  fun isolatedCodecs(): Class<*> {
    val classes = Codecs::class.java.protectionDomain.codeSource.location
    val loader = URLClassLoader(arrayOf(classes), ClassLoader.getPlatformClassLoader())
    val codecs = Class.forName("io.dstruct.Codecs", true, loader)
    shouldThrow<ClassNotFoundException> { loader.loadClass("tools.jackson.databind.json.JsonMapper") }
    return codecs
  }

  test("codecs_withoutJackson_loadsAndTypedWorks") {
    val codecs = isolatedCodecs()
    val typed = codecs.getMethod("typed").invoke(null)
    val encode = typed.javaClass.getMethod("encode", Any::class.java)
    val decode = typed.javaClass.getMethod("decode", ByteArray::class.java)
    val bytes = encode.invoke(typed, listOf(1L, "a")) as ByteArray
    String(bytes) shouldBe """list:[1, "a"]"""
    decode.invoke(typed, bytes) shouldBe listOf(1L, "a")
  }

  test("json_withoutJackson_throwsCodecException") {
    val codecs = isolatedCodecs()
    val e = shouldThrow<InvocationTargetException> {
      codecs.getMethod("json", Class::class.java).invoke(null, String::class.java)
    }
    val cause = e.targetException
    cause.javaClass.name shouldBe "io.dstruct.DsCodecException"
    cause.message shouldBe "Codecs.json needs tools.jackson.core:jackson-databind on the classpath"
  }
})
