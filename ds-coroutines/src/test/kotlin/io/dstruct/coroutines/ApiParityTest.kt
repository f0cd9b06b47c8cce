package io.dstruct.coroutines

import io.dstruct.AsyncDict
import io.dstruct.Dict
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import java.util.concurrent.CompletionStage

/** A stand-in for an Async interface that ds-core might add, to show what the parity check reports. */
interface AsyncProbe {
    fun get(key: String): CompletionStage<String?>
    fun extra(key: String, n: Int): CompletionStage<Void>
}

/** A stand-in for a structure whose async() has no Async interface of its own name. */
interface Probe {
    fun async(): AsyncDict<String>
}

/** Keeps the coroutine API in step with ds-core's Async interfaces, found by scanning ds-core, not listed here. */
class ApiParityTest : FunSpec({
    val types = ApiParity.corePackageTypes()

    test("scan_findsTheCorePackage") {
        types shouldContain Dict::class.java
        ApiParity.asyncInterfaces(types) shouldContain AsyncDict::class.java
    }

    test("everyAsyncInterface_hasCoroutineTwinWithEverySuspendFunction") {
        val missing = ApiParity.asyncInterfaces(types).flatMap { ApiParity.missingTwins(it, ApiParity.twinOf(it)) }
        withClue(missing.joinToString("\n", prefix = "\n")) { missing.shouldBeEmpty() }
    }

    test("everyStructureWithAsync_hasAsyncInterface") {
        val missing = ApiParity.structuresWithoutAsyncInterface(types)
        withClue(missing.joinToString("\n", prefix = "\n")) { missing.shouldBeEmpty() }
    }

    test("missingTwins_namesTheMissingFunction") {
        ApiParity.missingTwins(AsyncProbe::class.java, CoDict::class) shouldContainExactly listOf(
            "CoDict lacks suspend fun extra with 2 parameter(s), the twin of AsyncProbe.extra(String, int)",
        )
    }

    test("missingTwins_missingClass_namesTheClass") {
        ApiParity.twinOf(AsyncProbe::class.java) shouldBe null
        ApiParity.missingTwins(AsyncProbe::class.java, null) shouldContainExactly listOf(
            "missing class io.dstruct.coroutines.CoProbe for io.dstruct.coroutines.AsyncProbe (2 operations)",
        )
    }

    test("structuresWithoutAsyncInterface_namesTheStructure") {
        ApiParity.structuresWithoutAsyncInterface(listOf(Probe::class.java, AsyncDict::class.java)) shouldContainExactly
            listOf("io.dstruct.coroutines.Probe has async() but there is no public interface io.dstruct.AsyncProbe")
    }
})
