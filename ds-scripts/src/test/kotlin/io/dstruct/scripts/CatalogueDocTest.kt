package io.dstruct.scripts

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import java.io.File

/**
 * Checks that docs/scripts.md has a catalogue row for every [DsScript] constant: a table row that
 * starts with "| `<file name>`".
 */
class CatalogueDocTest : FunSpec({
    val doc = File("../docs/scripts.md")

    test("catalogue_hasARowForEveryScript") {
        withClue("${doc.absolutePath} must exist") { doc.isFile shouldBe true }
        val rows = doc.readLines().map { it.trimStart() }.filter { it.startsWith("|") }
        val missing = DsScript.entries.map { it.fileName() }
            .filter { name -> rows.none { it.startsWith("| `$name`") } }
        withClue("scripts without a catalogue row in docs/scripts.md: $missing") {
            missing.shouldBeEmpty()
        }
    }
})
