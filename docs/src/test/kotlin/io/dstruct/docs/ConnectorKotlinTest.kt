package io.dstruct.docs

import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Runs the Kotlin example of docs/connector.md against a real Redis. */
class ConnectorKotlinTest : FunSpec({
    test("connectorKotlin_handlesEachInvoice_andRetriesTheOneThatFailed") {
        Ds.connect(TestRedis.uri()).use { ds ->
            val from = TestRedis.namespace("shop")
            val to = TestRedis.namespace("billing")
            val seen = withContext(Dispatchers.Default) { connectorKotlin(ds, from, to) }
            seen.sorted() shouldBe listOf(1L, 2L, 2L, 3L)
            ds.connector(to).stats().inbox() shouldBe 0L
            ds.connector(to).deadLetters().size shouldBe 0
        }
    }
})
