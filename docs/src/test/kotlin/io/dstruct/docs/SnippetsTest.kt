package io.dstruct.docs

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import java.io.File

/**
 * Keeps the guides honest: every code block of a docs page that follows a marker
 * `<!-- snippet: File.java#tag -->` must equal the `tag::tag[]` region of that compiled source file.
 */
class SnippetsTest : FunSpec({
    val sources = listOf(File("src/main/java"), File("src/main/kotlin")).filter { it.exists() }
        .flatMap { it.walk().filter { f -> f.isFile }.toList() }
    val marker = Regex("""<!-- snippet: ([\w.]+)#([\w-]+) -->\s*\n```\w*\n(.*?)\n```""", RegexOption.DOT_MATCHES_ALL)

    fun region(file: File, tag: String): String {
        val lines = file.readLines()
        val start = lines.indexOfFirst { it.trim() == "// tag::$tag[]" }
        val end = lines.indexOfFirst { it.trim() == "// end::$tag[]" }
        withClue("region $tag in ${file.name}") { (start in 0 until end) shouldBe true }
        return lines.subList(start + 1, end).joinToString("\n").trimIndent()
    }

    val pages = File(".").listFiles { f -> f.name.endsWith(".md") }!!.toList()
    val snippets = pages.flatMap { page -> marker.findAll(page.readText()).map { page to it }.toList() }

    test("guides_haveSnippets") {
        snippets.shouldNotBeEmpty()
    }

    for ((page, m) in snippets) {
        val (fileName, tag, body) = m.destructured
        test("snippet_${page.name}_${fileName}#${tag}_matchesTheSource") {
            val file = sources.firstOrNull { it.name == fileName }
            withClue("$fileName exists under docs/src/main") { (file != null) shouldBe true }
            body.trimIndent() shouldBe region(file!!, tag)
        }
    }
})
