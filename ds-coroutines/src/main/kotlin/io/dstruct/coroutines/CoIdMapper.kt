@file:JvmName("CoIdMappers")

package io.dstruct.coroutines

import io.dstruct.AsyncIdMapper
import io.dstruct.Ds
import io.dstruct.IdMapper
import io.dstruct.coroutines.internal.awaitDs

/**
 * An [IdMapper] for coroutines: dense numbers for strings, as suspending functions.
 *
 * Every suspending function is cancellable: it stops waiting at once, but a script already sent still runs; numbers it
 * handed out stay with their strings, so the next call for the same string gets the same number.
 */
public class CoIdMapper internal constructor(
    /** The blocking view of the same mapper. */
    public val blocking: IdMapper,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same mapper. */
    public val async: AsyncIdMapper = blocking.async()

    /** The mapper's name, the hash tag of its keys. */
    public val name: String get() = blocking.name()

    /** Returns the number of [value], giving it the next one if it has none. Cancellable; the number may still be given. */
    public suspend fun idOf(value: String): Long = async.idOf(value).awaitDs()

    /** Returns the numbers of [values] in order, in one script. Cancellable; the numbers may still be given. */
    public suspend fun idsOf(values: List<String>): LongArray = async.idsOf(values).awaitDs()

    /** Returns the number of [value], or null; never assigns one. Cancellable; a cancelled read changes nothing. */
    public suspend fun findId(value: String): Long? = async.findId(value).awaitDs()

    /** Returns the string whose number is [id], or null. Cancellable; a cancelled read changes nothing. */
    public suspend fun stringOf(id: Long): String? = async.stringOf(id).awaitDs()

    /** Returns how many strings have a number. Cancellable; a cancelled read changes nothing. */
    public suspend fun size(): Long = async.size().awaitDs()

    /**
     * Deletes the mapper's keys and returns whether any existed; see [IdMapper.delete]. Cancellable; the delete may
     * still happen, whole.
     *
     * @throws io.dstruct.DsWrongTypeException if a key holds another Redis type; none is deleted then
     */
    public suspend fun delete(): Boolean = async.delete().awaitDs()

    /** Returns `CoIdMapper(name)`. */
    override fun toString(): String = "CoIdMapper(${blocking.name()})"
}

/** Returns the coroutine view of this IdMapper. */
public fun IdMapper.coroutines(): CoIdMapper = CoIdMapper(this)

/** Returns the IdMapper [name] for coroutines. */
public fun Ds.coIdMapper(name: String): CoIdMapper = idMapper(name).coroutines()
