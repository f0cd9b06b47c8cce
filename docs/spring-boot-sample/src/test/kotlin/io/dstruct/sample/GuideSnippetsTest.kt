package io.dstruct.sample

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import java.io.File

/**
 * Keeps docs/spring-boot.md honest: every code block after a marker `<!-- sample: File#tag -->` must equal the
 * `tag::tag[]` region of that file of this sample (Java sources and application.properties).
 *
 * The marker is not docs' `snippet:`, whose test looks only under docs/src/main.
 */
class GuideSnippetsTest : FunSpec({
    val sources = File("src/main").walk().filter { it.isFile }.toList()
    val marker = Regex("""<!-- sample: ([\w.]+)#([\w-]+) -->\s*\n```\w*\n(.*?)\n```""", RegexOption.DOT_MATCHES_ALL)
    val guide = File("../spring-boot.md")
    val snippets = marker.findAll(guide.readText()).toList()

    fun region(file: File, tag: String): String {
        val lines = file.readLines()
        val start = lines.indexOfFirst { it.trim().endsWith("tag::$tag[]") && !it.contains("end::") }
        val end = lines.indexOfFirst { it.trim().endsWith("end::$tag[]") }
        withClue("region $tag in ${file.name}") { (start in 0 until end) shouldBe true }
        return lines.subList(start + 1, end).joinToString("\n").trimIndent()
    }

    test("guide_hasSamples") {
        snippets.shouldNotBeEmpty()
    }

    for (m in snippets) {
        val (fileName, tag, body) = m.destructured
        test("sample_${fileName}#${tag}_matchesTheSource") {
            val file = sources.firstOrNull { it.name == fileName }
            withClue("$fileName exists under docs/spring-boot-sample/src/main") { (file != null) shouldBe true }
            body.trimIndent() shouldBe region(file!!, tag)
        }
    }
})
