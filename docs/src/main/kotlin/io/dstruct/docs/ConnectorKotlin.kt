package io.dstruct.docs

import io.dstruct.Ds
import io.dstruct.coroutines.connector
import kotlinx.serialization.Serializable
import kotlin.time.Duration.Companion.seconds

// The Kotlin code of docs/connector.md; SnippetsTest checks that the guide shows the tag region exactly, and
// ConnectorKotlinTest runs it against a real Redis.

/** A message of the guide's Kotlin example. */
@Serializable
data class Invoice(val id: Long, val cents: Long)

/**
 * Sends three invoices to [to] and has a consumer handle them, the second one failing once, as the guide shows;
 * returns the ids handled in the order they were handled, the failed attempt included.
 */
suspend fun connectorKotlin(ds: Ds, from: String, to: String): List<Long> {
    val seen = mutableListOf<Long>()
    // tag::connector-kotlin[]
    val billing = ds.connector<Invoice>(to)                    // kotlinx JSON payloads
    val shop = ds.connector<Invoice>(from)
    for (id in 1L..3L) shop.send(billing.name, Invoice(id, 100 * id))
    val handled = billing.consume(idle = 1.seconds) { d ->   // ends after 1 s without a message
        seen += d.payload.id
        check(d.payload.id != 2L || d.attempt > 1) { "card declined" }  // throws: nack, delivered again
    }                                                          // returned normally: acked
    // end::connector-kotlin[]
    check(handled == 4L) { "handled $handled deliveries" }
    return seen
}
