package io.dstruct.scripts

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File

/**
 * Checks every script's header against its body: the KEYS and ARGV it documents are exactly those it
 * uses, every error code it can reply with is documented, and the catalogue matches the files.
 */
class ScriptHeaderTest : FunSpec({
    val dir = File("src/main/resources/" + LuaSource.ROOT)
    val scripts = dir.listFiles { f -> f.isFile && f.name.endsWith(".lua") }!!.sortedBy { it.name }
    val includes = File(dir, "includes").listFiles { f -> f.name.endsWith(".lua") }!!.toList()

    fun indices(text: String, array: String): Set<Int> =
        Regex("""$array\[(\d+)]""").findAll(text).map { it.groupValues[1].toInt() }.toSet()

    fun split(file: File): Pair<String, String> {
        val text = file.readText()
        val end = text.indexOf("]]")
        withClue("${file.name} must open with a --[[ ... ]] header") {
            text.startsWith("--[[") shouldBe true
            (end > 0) shouldBe true
        }
        return text.substring(0, end) to text.substring(end + 2)
    }

    test("catalogue_matchesFiles") {
        scripts.map { it.name.removeSuffix(".lua") } shouldContainExactlyInAnyOrder DsScript.entries.map { it.fileName() }
    }

    for (file in scripts) {
        test("header_${file.name}_documentsExactlyTheKeysAndArgsItUses") {
            val (header, body) = split(file)
            header shouldContain "Input:"
            header shouldContain "Output:"
            withClue("KEYS of ${file.name}") { indices(header, "KEYS") shouldBe indices(body, "KEYS") }
            withClue("ARGV of ${file.name}") { indices(header, "ARGV") shouldBe indices(body, "ARGV") }
            val documentedKeys = indices(header, "KEYS")
            withClue("KEYS of ${file.name} are numbered from 1 without gaps") {
                documentedKeys shouldBe (1..documentedKeys.size).toSet()
            }
        }

        test("header_${file.name}_documentsEveryErrorCode") {
            val (header, _) = split(file)
            val inlined = LuaSource.load(file.name.removeSuffix(".lua")).text()
            val used = Regex("""'DS_([A-Z_]+)""").findAll(inlined).map { it.groupValues[1] }.toSet()
            val documented = Regex("""DS_([A-Z_]+)""").findAll(header).map { it.groupValues[1] }.toSet()
            (used - documented).shouldBeEmpty()
        }
    }

    test("includes_neverTouchKeysOrArgv") {
        for (inc in includes) {
            withClue(inc.name) {
                indices(inc.readText(), "KEYS").shouldBeEmpty()
                indices(inc.readText(), "ARGV").shouldBeEmpty()
            }
        }
    }
})
