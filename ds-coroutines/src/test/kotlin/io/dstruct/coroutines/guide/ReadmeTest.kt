package io.dstruct.coroutines.guide

import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Keeps the README true where it speaks of the Kotlin face. Its Kotlin example is the file ReadmeKotlin.kt of these
 * test sources, word for word, so it compiles; and run as a program in a JVM of its own, it ends. Its shape, `suspend fun main() = Ds.connect(url).use`
 * with a suspend call last, once hung for ever: the coroutine resumed on a Redisson netty thread, where `close()`
 * waits for that very thread to stop.
 */
class ReadmeTest : FunSpec({
    val source = File("src/test/kotlin/ReadmeKotlin.kt").readText()
    val readme = File("../README.md").readText()

    test("readme_jacksonVersion_isTheOneDsIsBuiltWith") {
        val built = Regex("""<jackson.version>(.+?)</jackson.version>""").find(File("../pom.xml").readText())!!.groupValues[1]
        readme shouldContain "`tools.jackson.core:jackson-databind`, version $built "
    }

    test("readme_kotlinExample_isTheCompiledFile") {
        val example = Regex("""## Kotlin\s*```kotlin\n(.*?)```""", RegexOption.DOT_MATCHES_ALL).find(readme)
        withClue("the ```kotlin block under '## Kotlin' in README.md") { example?.groupValues?.get(1) shouldBe source }
    }

    test("readme_kotlinExample_runsAndExits") {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "ReadmeKotlinKt")
            .redirectErrorStream(true)
            .apply { environment()["REDIS_URL"] = TestRedis.uri() }
            .start()
        val output = StringBuilder()
        val reader = Thread { process.inputStream.bufferedReader().forEachLine { output.appendLine(it) } }.apply { start() }
        try {
            // A bound on a hang, not a timing: the program takes a second or two, and once hung it never ended.
            val exited = process.waitFor(60, TimeUnit.SECONDS)
            if (!exited) dumpThreads(process)
            reader.join(10_000)
            withClue("the README's Kotlin program did not end within 60 s:\n$output") { exited shouldBe true }
            withClue(output) { process.exitValue() shouldBe 0 }
            output.toString() shouldContain "ada -> User(name=Ada, age=36)"
            output.toString() shouldContain "\nUser(name=Ada, age=36)"
        } finally {
            process.destroyForcibly()
            Ds.connect(TestRedis.uri()).use { it.dict("users").delete("ada") }
        }
    }
})

/** Asks a hung child JVM for a thread dump (SIGQUIT prints it to the child's output, which the test shows). */
private fun dumpThreads(process: Process) {
    runCatching { ProcessBuilder("kill", "-3", process.pid().toString()).start().waitFor(5, TimeUnit.SECONDS) }
    Thread.sleep(1_000)
}
