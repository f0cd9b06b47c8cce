@file:JvmName("CoObjectStores")

package io.dstruct.coroutines

import io.dstruct.AsyncObjectStore
import io.dstruct.ObjectSchema
import io.dstruct.ObjectStore
import io.dstruct.Page
import io.dstruct.Query
import io.dstruct.coroutines.internal.awaitDs
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration
import java.time.Duration as JavaDuration

/**
 * An [ObjectStore] for coroutines: every operation of [AsyncObjectStore] as a suspending function, and a query's
 * results as cold [Flow]s that page through them with [findPage] cursors.
 *
 * Get one with [ObjectStore.coroutines], [`ds.coObjectStore<T>(name)`][coObjectStore] for `@Serializable` classes, or
 * [`ds.coObjectStore(name, schema)`][coObjectStore]. Semantics, atomicity and errors are those of [ObjectStore]: one
 * Redis hash per object, indexes kept exact by the same script as each write, and failures thrown as the same ds
 * exceptions (unwrapped, never a `CompletionException`).
 *
 * Usage:
 * ```
 * @Serializable
 * data class User(@Id val id: Long = 0, @Indexed val name: String, @Unique val email: String, @Ordered val score: Long)
 *
 * val users: CoObjectStore<User> = ds.coObjectStore<User>("users")
 * val john = users.save(User(name = "John Doe", email = "user@domain.com", score = 100))   // id assigned
 * val top = users.find(Query.where("score").between(50.0, 150.0).orderBy("score").descending().limit(10))
 * users.results(Query.where("name").eq("John Doe")).collect { println(it) }
 * ```
 *
 * ## Cancellation
 * Every suspending function is cancellable: if the coroutine is cancelled while it waits for Redis, the function stops
 * waiting at once and throws [kotlinx.coroutines.CancellationException]. A write already sent is not recalled: it may
 * still be applied on the server, and then whole (each write is one script, which checks its constraints and writes
 * the object with every index change, or writes nothing); its result is discarded. A read just stops waiting.
 * [purgeExpired], [reindex] and [clear] work in bounded batches: the batches already sent are applied, and a cancelled
 * call may or may not send more. [results] and [pages] are cold flows that only read: cancelling the collector stops
 * them before the next page is asked for.
 *
 * ## Thread safety
 * A CoObjectStore is thread-safe and cheap: it holds the [ObjectStore] and its [AsyncObjectStore] and nothing else. A
 * suspending function never resumes its caller on one of Redisson's I/O threads.
 *
 * @param T the type of the objects
 */
public class CoObjectStore<T : Any> internal constructor(
    /** The blocking view of the same store, with the same schema and options. */
    public val blocking: ObjectStore<T>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same store. */
    public val async: AsyncObjectStore<T> = blocking.async()

    /** The name of the store, the hash tag of every one of its keys. */
    public val name: String get() = blocking.name()

    /** The schema of the objects: their codec, id, indexes and version. */
    public val schema: ObjectSchema<T> get() = blocking.schema()

    /** Returns the Redis key of the object [id], `{name}:obj:<id>`. */
    public fun redisKey(id: Any): String = blocking.redisKey(id)

    /**
     * Stores [obj], which must be new, and returns it with its id (assigned if unset) and version; see
     * [ObjectStore.insert].
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole.
     *
     * @throws io.dstruct.DsConflictException if an object with its id exists
     * @throws io.dstruct.DsUniqueViolationException if a unique value is taken
     */
    public suspend fun insert(obj: T): T = async.insert(obj).awaitDs()

    /**
     * Stores [obj], replacing the object with its id if there is one, and returns it with its id and new version; see
     * [ObjectStore.save].
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole.
     *
     * @throws io.dstruct.DsConflictException if a [io.dstruct.Version] property is not the stored version
     * @throws io.dstruct.DsUniqueViolationException if a unique value is held by another object
     */
    public suspend fun save(obj: T): T = async.save(obj).awaitDs()

    /**
     * Stores [obj] as [save] does, to live for [ttl].
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole.
     */
    public suspend fun save(obj: T, ttl: JavaDuration): T = async.save(obj, ttl).awaitDs()

    /**
     * Stores [obj] as [save] does, to live for [ttl], a Kotlin [Duration].
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole.
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite, or a TTL that [ObjectStore.save] refuses
     */
    public suspend fun save(obj: T, ttl: Duration): T = async.save(obj, ttl.toTtl()).awaitDs()

    /**
     * Stores every object of [objects] as [save] does, all or nothing in one script, and returns them with their ids
     * and versions, in order.
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole: all of the objects or
     * none.
     */
    public suspend fun saveAll(objects: Collection<T>): List<T> = async.saveAll(objects).awaitDs()

    /**
     * Sets the named properties of the object [id] to [changes] (null removes a value), keeping the others and its TTL,
     * and returns the object as stored, or null if there is none; see [ObjectStore.update].
     *
     * This suspending function is cancellable; a write already sent may still be applied, whole.
     */
    public suspend fun update(id: Any, changes: Map<String, *>): T? = async.update(id, changes).awaitDs()

    /**
     * Returns the object whose unique property [uniqueField] equals that of [candidate], or else inserts [candidate]
     * and returns it, in one script; see [ObjectStore.getOrInsert].
     *
     * This suspending function is cancellable; an insert already sent may still be applied, whole.
     */
    public suspend fun getOrInsert(uniqueField: String, candidate: T): T =
        async.getOrInsert(uniqueField, candidate).awaitDs()

    /**
     * Returns the object [id] (a `Long`, `Int` or `String`), or null when it is absent or expired.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     */
    public suspend fun get(id: Any): T? = async.get(id).awaitDs()

    /**
     * Returns the objects of [ids] in the order asked, skipping absent ones, in one round trip.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     */
    public suspend fun getAll(ids: Collection<*>): List<T> = async.getAll(ids).awaitDs()

    /**
     * Returns the objects that match [query], in its order, in one list; [results] pages through them instead.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     *
     * @throws io.dstruct.DsInvalidArgumentException if the query names a property that has no index of the needed kind
     * @throws io.dstruct.DsIndexNotReadyException if an index it needs is not built yet
     */
    public suspend fun find(query: Query): List<T> = async.find(query).awaitDs()

    /**
     * Returns the first page of [query]'s results, of at most its limit (default 100) objects, with the cursor that
     * continues after it.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     */
    public suspend fun findPage(query: Query): Page<T> = async.findPage(query).awaitDs()

    /**
     * Returns the page of [query]'s results that follows [cursor], from an earlier page of the same query.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     *
     * @throws io.dstruct.DsInvalidArgumentException if the cursor is not one of this store's
     */
    public suspend fun findPage(query: Query, cursor: String): Page<T> = async.findPage(query, cursor).awaitDs()

    /**
     * Returns how many objects match [query], ignoring its offset and limit.
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     */
    public suspend fun count(query: Query): Long = async.count(query).awaitDs()

    /**
     * Deletes the object [id] and its index entries, and returns whether it existed.
     *
     * This suspending function is cancellable; a delete already sent may still be applied, whole.
     */
    public suspend fun delete(id: Any): Boolean = async.delete(id).awaitDs()

    /**
     * Removes every expired object and its index entries, in bounded batches, and returns how many.
     *
     * This suspending function is cancellable; the batches already sent are applied, each one whole, and the call may
     * or may not send more.
     */
    public suspend fun purgeExpired(): Long = async.purgeExpired().awaitDs()

    /**
     * Returns the state of each index in Redis (`ready` or `building`), by index name; see [ObjectStore.indexStates].
     *
     * This suspending function is cancellable; a cancelled read just stops waiting.
     */
    public suspend fun indexStates(): Map<String, String> = async.indexStates().awaitDs()

    /**
     * Builds every index that is not ready, in bounded batches, and returns how many objects it indexed; see
     * [ObjectStore.reindex].
     *
     * This suspending function is cancellable; the batches already sent are applied, and since the cursor is kept in
     * Redis, a later reindex continues where this one stopped.
     *
     * @throws io.dstruct.DsUniqueViolationException if two stored objects share a value of a new unique property
     */
    public suspend fun reindex(): Long = async.reindex().awaitDs()

    /**
     * Recomputes every index from the stored objects and returns each drift it finds; an empty list means the indexes
     * are exact.
     *
     * This suspending function is cancellable; it only reads, and a cancelled call just stops waiting.
     */
    public suspend fun verify(): List<String> = async.verify().awaitDs()

    /**
     * Deletes every object of the store, its indexes, feed and meta, in bounded batches, and returns how many objects
     * there were; not atomic as a whole.
     *
     * This suspending function is cancellable; the batches already sent are applied, and the call may or may not send
     * more, so a cancelled clear may leave part of the store.
     */
    public suspend fun clear(): Long = async.clear().awaitDs()

    /**
     * Returns a cold flow of [query]'s pages: the first [findPage], then each page that the previous one's cursor
     * continues with, until a page has no cursor.
     *
     * The query's limit is the page size (100 when it has none), not a cap on the total: use `take(n)` to stop early.
     * Each page is asked for only when the collector wants it, after it has taken the one before, and the cursors are
     * keyset-based (see [Page]), so objects written meanwhile neither repeat nor shift the pages. The flow only reads;
     * cancelling the collector stops it before the next page is asked for.
     */
    public fun pages(query: Query): Flow<Page<T>> = flow {
        var page = async.findPage(query).awaitDs()
        emit(page)
        while (true) {
            val cursor = page.cursor ?: break
            page = async.findPage(query, cursor).awaitDs()
            emit(page)
        }
    }

    /**
     * Returns a cold flow of every object that matches [query], in its order, read page by page as [pages] reads them.
     *
     * The query's limit is the page size, not a cap on the total: `results(query.limit(500))` reads 500 objects per
     * round trip, and `results(query).take(10)` stops after ten. The next page is asked for only once the collector has
     * taken every object of the one before. The flow only reads; cancelling the collector stops it before its next
     * object, and no further page is read.
     */
    public fun results(query: Query): Flow<T> = flow {
        pages(query).collect { page -> for (item in page.items) emit(item) }
    }

    /** Returns `CoObjectStore(name)`. */
    override fun toString(): String = "CoObjectStore($name)"
}

/** Returns the coroutine view of this ObjectStore: the same store, schema and options, as suspend functions and flows. */
public fun <T : Any> ObjectStore<T>.coroutines(): CoObjectStore<T> = CoObjectStore(this)
