package io.dstruct.scripts

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.security.MessageDigest

class LuaSourceTest : FunSpec({
    test("load_missingScript_failsFast") {
        shouldThrow<IllegalStateException> { LuaSource.load("no_such_script") }.message shouldContain "no_such_script.lua"
    }

    test("load_inlinesIncludes") {
        val src = LuaSource.load("dict_set")
        src.text() shouldNotContain "--@include"
        src.text() shouldContain "local function assert_type"
    }

    test("load_sha1_isTheDigestOfTheInlinedText") {
        val src = LuaSource.load("dict_set")
        val hex = MessageDigest.getInstance("SHA-1").digest(src.text().toByteArray()).joinToString("") { "%02x".format(it) }
        src.sha1() shouldBe hex
    }

    test("load_includeTwice_isRefused") {
        shouldThrow<IllegalStateException> { LuaSource.load("test_include_twice") }.message shouldContain "twice"
    }

    test("load_nestedInclude_isRefused") {
        shouldThrow<IllegalStateException> { LuaSource.load("test_include_nested") }.message shouldContain "may not include"
    }

    test("catalogue_loadsEveryScriptAtStartUp") {
        DsScript.entries.forEach { it.source().sha1().length shouldBe 40 }
    }
})
