@file:JvmName("DsCoroutines")

package io.dstruct.coroutines

import io.dstruct.Codec
import io.dstruct.Codecs
import io.dstruct.ConnectorOptions
import io.dstruct.DictOptions
import io.dstruct.Ds
import io.dstruct.ObjectSchema
import io.dstruct.ObjectStore
import io.dstruct.ObjectStoreOptions
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer

/**
 * Returns the namespace [namespace] as a [CoDict] with the [typed][Codecs.typed] codec that redis-dict (Python) uses.
 *
 * The coroutine twin of the Java `Ds.dict(namespace)`; both read and write the same entries.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the namespace is empty or holds `{` or `}`
 */
public fun Ds.coDict(namespace: String): CoDict<Any> = dict(namespace).coroutines()

/**
 * Returns the namespace [namespace] as a [CoDict] whose values use [codec], with [options].
 *
 * For example `ds.coDict("hits", Codecs.longs())`. For `@Serializable` classes, `ds.dict<T>(namespace)` is shorter.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the namespace is empty or holds `{` or `}`
 */
public fun <V : Any> Ds.coDict(
    namespace: String,
    codec: Codec<V>,
    options: DictOptions = DictOptions.defaults(),
): CoDict<V> = dict(namespace, codec, options).coroutines()

/**
 * Returns the namespace [namespace] as a [CoDict] of [T], stored as JSON text by kotlinx-serialization.
 *
 * `ds.dict<User>("users")` is the whole call; [T] must be `@Serializable` (or a type kotlinx-serialization knows, such
 * as `String`, `Long` or `List<User>`), and its values are written with [json] as [KotlinxCodec] describes. Note that
 * `String` values are therefore stored quoted (`"Ada"`); use `ds.coDict(namespace, Codecs.string())` for plain text.
 * Without a type argument, `ds.dict(namespace)` is still the Java `Ds.dict`, which returns a blocking `Dict<Any>`.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the namespace is empty or holds `{` or `}`
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> Ds.dict(
    namespace: String,
    options: DictOptions = DictOptions.defaults(),
    json: Json = Json,
): CoDict<T> = coDict(namespace, KotlinxCodec(serializer<T>(), json), options)

/** Returns the HashDict [name] for coroutines, with the [Codecs.typed] codec of redis-dict. */
public fun Ds.coHashDict(name: String): CoHashDict<Any> = hashDict(name).coroutines()

/** Returns the HashDict [name] for coroutines, with [codec]. */
public fun <V : Any> Ds.coHashDict(name: String, codec: Codec<V>): CoHashDict<V> = hashDict(name, codec).coroutines()

/**
 * Returns the HashDict [name] for coroutines, with `@Serializable` values of type [T] stored as JSON by
 * kotlinx.serialization: `ds.hashDict<User>("users")`.
 */
public inline fun <reified T : Any> Ds.hashDict(name: String, json: Json = Json): CoHashDict<T> =
    coHashDict(name, KotlinxCodec(serializer<T>(), json))

/** Returns the DsList [name] for coroutines, with the [Codecs.typed] codec. */
public fun Ds.coList(name: String): CoDsList<Any> = list(name).coroutines()

/** Returns the DsList [name] for coroutines, with [codec]. */
public fun <V : Any> Ds.coList(name: String, codec: Codec<V>): CoDsList<V> = list(name, codec).coroutines()

/** Returns the DsList [name] for coroutines, with `@Serializable` elements of type [T] stored as JSON: `ds.list<Job>("jobs")`. */
public inline fun <reified T : Any> Ds.list(name: String, json: Json = Json): CoDsList<T> =
    coList(name, KotlinxCodec(serializer<T>(), json))

/**
 * Returns the Counter [name] for coroutines, whose first step creates it at [seed] unless it exists. Sends nothing,
 * as [Ds.counter].
 */
public fun Ds.coCounter(name: String, seed: Long): CoCounter = counter(name, seed).coroutines()

/**
 * Returns the ObjectStore [name] of the `@Serializable` class [T] for coroutines, mapped by kotlinx-serialization with
 * [json]: `ds.objectStore<User>("users")`. Nothing is sent to Redis.
 *
 * Like [dict], [list] and [hashDict], this gives the coroutine face; its [CoObjectStore.blocking] is the Java store.
 * The schema is [kotlinxSchema]`<T>(json)`, which checks that kotlinx writes every property under its Java field
 * name; [ObjectStoreJson] says why [json] must encode defaults.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`, [json] does not write every
 *     property by its name, or [T] is not a valid schema
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> Ds.objectStore(
    name: String,
    options: ObjectStoreOptions = ObjectStoreOptions.defaults(),
    json: Json = ObjectStoreJson,
): CoObjectStore<T> = objectStore(name, kotlinxSchema<T>(json), options).coroutines()

/**
 * Returns the ObjectStore [name] of the objects that [schema] describes, for coroutines, with [options]: for a schema
 * built in code, or with another codec. Nothing is sent to Redis.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 */
public fun <T : Any> Ds.coObjectStore(
    name: String,
    schema: ObjectSchema<T>,
    options: ObjectStoreOptions = ObjectStoreOptions.defaults(),
): CoObjectStore<T> = objectStore(name, schema, options).coroutines()

/**
 * Returns the Topic [name] for coroutines, with the [Codecs.typed] codec, so Python processes can read and write its
 * messages. The channel is `{name}:topic`. Nothing is sent to Redis.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 */
public fun Ds.coTopic(name: String): CoTopic<Any> = topic(name).coroutines()

/** Returns the Topic [name] for coroutines, whose messages use [codec]. Nothing is sent to Redis. */
public fun <T : Any> Ds.coTopic(name: String, codec: Codec<T>): CoTopic<T> = topic(name, codec).coroutines()

/**
 * Returns the Topic [name] for coroutines, with `@Serializable` messages of type [T] sent as JSON by
 * kotlinx.serialization with [json]: `ds.topic<Order>("orders")`. Nothing is sent to Redis.
 *
 * Without a type argument, `ds.topic(name)` is still the Java `Ds.topic`, which returns a blocking `Topic<Any>`.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> Ds.topic(name: String, json: Json = Json): CoTopic<T> =
    coTopic(name, KotlinxCodec(serializer<T>(), json))

/**
 * Returns the connector [name] for coroutines, with the [Codecs.typed] codec, whose messages Python services read and
 * write too. Nothing is sent to Redis, as [Ds.connector].
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 */
public fun Ds.coConnector(name: String): CoConnector<Any> = connector(name).coroutines()

/**
 * Returns the connector [name] for coroutines, whose payloads use [codec], with [options]. Nothing is sent to Redis.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 */
public fun <T : Any> Ds.coConnector(
    name: String,
    codec: Codec<T>,
    options: ConnectorOptions = ConnectorOptions.defaults(),
): CoConnector<T> = connector(name, codec, options).coroutines()

/**
 * Returns the connector [name] for coroutines, with `@Serializable` payloads of type [T] sent as JSON text by
 * kotlinx-serialization with [json]: `ds.connector<Order>("tata")`. Nothing is sent to Redis.
 *
 * Like [list] and [objectStore], this gives the coroutine face; its [CoConnector.blocking] is the Java connector.
 * Without a type argument, `ds.connector(name)` is still the Java `Ds.connector`, which returns a blocking
 * `Connector<Any>` with the typed codec. Every connector that sends to this one must use the same codec.
 *
 * @throws io.dstruct.DsInvalidArgumentException if the name is empty or holds `{` or `}`
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> Ds.connector(
    name: String,
    options: ConnectorOptions = ConnectorOptions.defaults(),
    json: Json = Json,
): CoConnector<T> = coConnector(name, KotlinxCodec(serializer<T>(), json), options)
