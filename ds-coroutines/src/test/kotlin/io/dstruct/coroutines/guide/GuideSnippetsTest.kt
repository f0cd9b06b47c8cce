package io.dstruct.coroutines.guide

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import java.io.File

/**
 * Keeps docs/kotlin.md true: each block there marked `<!-- snippet: name -->` must equal the region
 * `// tag::name[]` … `// end::name[]` of KotlinGuideTest.kt, which compiles and runs.
 */
class GuideSnippetsTest : FunSpec({
    val guide = File("../docs/kotlin.md").readText()
    val source = File("src/test/kotlin/io/dstruct/coroutines/guide/KotlinGuideTest.kt").readText()

    val snippets: Map<String, String> = Regex("""<!-- snippet: (\S+) -->\s*```kotlin\n(.*?)\n```""", RegexOption.DOT_MATCHES_ALL)
        .findAll(guide).associate { it.groupValues[1] to it.groupValues[2].trimIndent() }
    val tags: Map<String, String> = Regex("""// tag::(\S+)\[]\n(.*?)\n[ \t]*// end::\1\[]""", RegexOption.DOT_MATCHES_ALL)
        .findAll(source).associate { it.groupValues[1] to it.groupValues[2].trimIndent() }

    test("guide_hasSnippets") {
        snippets.keys.shouldNotBeEmpty()
    }

    test("everySnippet_isCompiledCode") {
        for ((name, code) in snippets) {
            withClue("snippet '$name' of docs/kotlin.md") { code shouldBe tags[name] }
        }
    }

    test("everyTag_isInTheGuide") {
        (tags.keys - snippets.keys).shouldBeEmpty()
    }
})
