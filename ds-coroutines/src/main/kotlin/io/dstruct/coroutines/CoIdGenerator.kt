@file:JvmName("CoIdGenerators")

package io.dstruct.coroutines

import io.dstruct.AsyncIdGenerator
import io.dstruct.Ds
import io.dstruct.IdGenerator
import io.dstruct.IdGeneratorOptions
import io.dstruct.IdRange
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import io.dstruct.coroutines.internal.awaitDs

/**
 * An [IdGenerator] for coroutines: [nextId] and [nextIds] suspend only while a block is being reserved, and
 * [ids] is an endless flow of new ids.
 *
 * Every suspending function is cancellable: it stops waiting at once. A block reservation already sent still
 * completes and stays with the generator for the next caller; an id is never handed out twice.
 */
public class CoIdGenerator internal constructor(
    /** The blocking view of the same generator. */
    public val blocking: IdGenerator,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same generator. */
    public val async: AsyncIdGenerator = blocking.async()

    /**
     * Returns a new id, suspending only while the next block is reserved. Cancellable: a cancelled call returns no
     * id, and a block reserved meanwhile stays with the generator for the next caller.
     */
    public suspend fun nextId(): Long = async.nextId().awaitDs()

    /** Returns [n] new ids as one contiguous range. Cancellable; ids reserved meanwhile are not reused. */
    public suspend fun nextIds(n: Int): IdRange = async.nextIds(n).awaitDs()

    /**
     * Deletes the generator's counter and returns whether it existed; see [IdGenerator.delete]. Cancellable; the
     * delete may still happen.
     *
     * @throws io.dstruct.DsWrongTypeException if the key holds another Redis type; it is left as it is
     */
    public suspend fun delete(): Boolean = async.delete().awaitDs()

    /** Returns an endless cold flow of new ids, increasing; cancelling the collector stops it. */
    public fun ids(): Flow<Long> = flow {
        while (true) emit(async.nextId().awaitDs())
    }

    /** Returns `CoIdGenerator(redisKey)`. */
    override fun toString(): String = "CoIdGenerator(${blocking.redisKey()})"
}

/** Returns the coroutine view of this IdGenerator. */
public fun IdGenerator.coroutines(): CoIdGenerator = CoIdGenerator(this)

/** Returns the coroutine id generator [name], as [Ds.idGenerator] with [options] (blocks of 1,000 by default). */
public fun Ds.coIdGenerator(name: String, options: IdGeneratorOptions = IdGeneratorOptions.defaults()): CoIdGenerator =
    idGenerator(name, options).coroutines()
