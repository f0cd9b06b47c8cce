@file:JvmName("DictBatches")

package io.dstruct.coroutines

import io.dstruct.DictBatch
import io.dstruct.coroutines.internal.toTtl
import kotlin.time.Duration

/**
 * Adds a write of [value] at [key] with a time to live given as a Kotlin [Duration]; its result is `true`.
 *
 * The Kotlin twin of `DictBatch.put(key, value, java.time.Duration)`, for the body of [CoDict.batch]:
 * `dict.batch { put("a", 1L, 30.seconds) }`.
 *
 * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
 */
public fun <V : Any> DictBatch<V>.put(key: String, value: V, ttl: Duration): DictBatch<V> = put(key, value, ttl.toTtl())
