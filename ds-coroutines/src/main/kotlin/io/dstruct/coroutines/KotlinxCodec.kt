@file:JvmName("KotlinxCodecs")

package io.dstruct.coroutines

import io.dstruct.Codec
import io.dstruct.DsCodecException
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer
import java.nio.charset.CharacterCodingException

/**
 * A [Codec] that stores values of [T] as UTF-8 JSON text written by kotlinx-serialization.
 *
 * Redis holds the plain JSON (`{"name":"Ada","age":36}`), so redis-cli and services in other languages read it. The
 * serializer is fixed when the codec is made and the data never chooses a class, so decoding is safe with untrusted
 * bytes; polymorphism is only what [serializer] and [json]'s `serializersModule` declare.
 *
 * Atomic operations such as `replace(key, old, new)` compare encoded bytes, so equal values must encode equally. That
 * holds for classes, lists and primitives; for a map or set it holds only if equal ones iterate in the same order (as
 * `LinkedHashMap` does for the same insertions, `HashMap` does not promise).
 *
 * Decode failures (bytes that are not UTF-8, not JSON, or JSON that does not fit [T]) are thrown as
 * [DsCodecException]; the structure that read the value adds the Redis key. Encode failures are too.
 *
 * Thread-safe, like [Json] itself.
 *
 * @param T the type of the values
 * @property serializer how values of [T] become JSON and back
 * @property json the format, for options such as `ignoreUnknownKeys`; the default [Json] rejects unknown keys
 */
public class KotlinxCodec<T : Any>(
    public val serializer: KSerializer<T>,
    public val json: Json = Json,
) : Codec<T> {

    /**
     * Returns [value] as UTF-8 JSON bytes.
     *
     * @throws DsCodecException if the serializer rejects the value
     */
    override fun encode(value: T): ByteArray =
        try {
            json.encodeToString(serializer, value).encodeToByteArray()
        } catch (e: SerializationException) {
            throw DsCodecException("kotlinx: cannot encode a ${serializer.descriptor.serialName}: ${e.message}", e)
        }

    /**
     * Returns the value that the UTF-8 JSON [bytes] hold.
     *
     * @throws DsCodecException if the bytes are not UTF-8, not JSON, or not a [T]
     */
    override fun decode(bytes: ByteArray): T {
        val text = try {
            bytes.decodeToString(throwOnInvalidSequence = true)
        } catch (e: CharacterCodingException) {
            throw DsCodecException("kotlinx: stored value is not UTF-8 text", e)
        }
        return try {
            json.decodeFromString(serializer, text)
        } catch (e: IllegalArgumentException) { // SerializationException is one
            throw DsCodecException(
                "kotlinx: stored value is not a JSON ${serializer.descriptor.serialName}: ${e.message}", e)
        }
    }

    /** Returns `KotlinxCodec(serialName)`. */
    override fun toString(): String = "KotlinxCodec(${serializer.descriptor.serialName})"
}

/**
 * Returns a [KotlinxCodec] for [T], with the serializer that kotlinx-serialization finds for it.
 *
 * `ds.coDict("users", kotlinxCodec<User>())`, or `kotlinxCodec<User>(Json { ignoreUnknownKeys = true })` for a
 * tolerant reader.
 *
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> kotlinxCodec(json: Json = Json): Codec<T> = KotlinxCodec(serializer<T>(), json)
