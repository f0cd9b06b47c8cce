@file:JvmName("KotlinxSchemas")

package io.dstruct.coroutines

import io.dstruct.DsInvalidArgumentException
import io.dstruct.ObjectSchema
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer

/**
 * The [Json] format that object stores of `@Serializable` classes use unless given another: kotlinx's defaults, with
 * `encodeDefaults = true`.
 *
 * Each member of an object's JSON becomes one field of its Redis hash, and the indexes are kept from those fields, so
 * the JSON must hold every property:
 * - `encodeDefaults = true`: without it, a property equal to its default value would be left out of the hash and of
 *   its indexes, and a query for the default value (`where("status").eq("open")`) would not find the object.
 * - `explicitNulls = true` (kotlinx's default): a null property is written as a JSON null, so the store removes its
 *   field and index entries instead of being left to guess.
 * - No `namingStrategy`: ds names the properties after the class's Java fields, so kotlinx must write them under the
 *   same names.
 * - `ignoreUnknownKeys = false` (kotlinx's default; Jackson 3's default ignores them): a hash field that the class no
 *   longer has makes reading the object fail with [io.dstruct.DsCodecException], rather than dropping the field in
 *   silence and erasing it at the next [save][io.dstruct.ObjectStore.save], which replaces the whole object. To read
 *   objects that newer writers extend, accept that risk with `Json(ObjectStoreJson) { ignoreUnknownKeys = true }`.
 *
 * Start from this one (`Json(ObjectStoreJson) { serializersModule = ... }`) to change anything else: [kotlinxSchema]
 * refuses a [Json] without the first three.
 */
public val ObjectStoreJson: Json = Json { encodeDefaults = true }

/**
 * Returns the schema that the ds annotations of the `@Serializable` class [T] declare ([io.dstruct.Id],
 * [io.dstruct.Indexed], [io.dstruct.Ordered], [io.dstruct.Unique], [io.dstruct.Version]), with a [KotlinxCodec] of
 * [json].
 *
 * `ds.objectStore<User>(name)` and `ds.coObjectStore<User>(name)` call it; call it to hand the schema to
 * `Ds.objectStore(name, schema, options)` yourself. In a Kotlin class, an annotation written on a constructor `val`
 * (`@Id val id: Long = 0`) lands on its backing field, where ds reads it; one written with `@get:` lands on the getter,
 * which ds reads as well.
 *
 * ds takes the properties from the class's Java fields, and kotlinx-serialization writes them under their serial
 * names, so the two must be the same. This is checked here: a property renamed with `@SerialName`, a field that
 * kotlinx does not write (a kotlinx `@Transient` property, a delegated one), an enum constant renamed with
 * `@SerialName` (queries and updates compare an enum by its Java name), or a class that kotlinx does not write as a
 * JSON object (a sealed or polymorphic type) is refused with [DsInvalidArgumentException] naming the difference. Give
 * a nullable property a default of `null`; the store writes each null as a JSON null, which [json] must accept.
 *
 * @throws DsInvalidArgumentException if [json] lacks what [ObjectStoreJson] explains, the names differ as above, or the
 *     class is not a valid schema (no `@Id` or two, an annotation on a property of a type it cannot take...)
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> kotlinxSchema(json: Json = ObjectStoreJson): ObjectSchema<T> =
    kotlinxSchema(T::class.java, serializer<T>(), json)

/**
 * Returns the schema of the `@Serializable` class [T] that [build] declares in code, with a [KotlinxCodec] of [json];
 * annotations are ignored.
 *
 * For a class you cannot annotate, in the style of [ObjectSchema.builder]:
 * ```
 * val orders = kotlinxSchema<Order> {
 *     id("id").indexed("tenant", "status").ordered("createdAt")
 *     compound("tenant_status_by_createdAt", listOf("tenant", "status"), "createdAt")
 * }
 * ```
 * The names and the format are checked as for [kotlinxSchema] without a builder.
 *
 * @throws DsInvalidArgumentException if [json] lacks what [ObjectStoreJson] explains, the class's fields and its serial
 *     names differ, or [build] declares an invalid schema (see [ObjectSchema.Builder.build])
 * @throws kotlinx.serialization.SerializationException if [T] has no serializer
 */
public inline fun <reified T : Any> kotlinxSchema(
    json: Json = ObjectStoreJson,
    noinline build: ObjectSchema.Builder<T>.() -> Unit,
): ObjectSchema<T> = kotlinxSchema(T::class.java, serializer<T>(), json, build)

/**
 * Returns the schema that the ds annotations of [type] declare, with a [KotlinxCodec] of [serializer] and [json]; the
 * form of [kotlinxSchema] for code that has no reified type, checked the same way.
 *
 * @throws DsInvalidArgumentException as the reified [kotlinxSchema] does
 */
public fun <T : Any> kotlinxSchema(
    type: Class<T>,
    serializer: KSerializer<T>,
    json: Json = ObjectStoreJson,
): ObjectSchema<T> {
    val codec = objectCodec(type, serializer, json)
    return ObjectSchema.of(type, codec).also { checkNames(it, serializer) }
}

/**
 * Returns the schema of [type] that [build] declares in code, with a [KotlinxCodec] of [serializer] and [json]; the
 * form of [kotlinxSchema] with a builder for code that has no reified type, checked the same way.
 *
 * @throws DsInvalidArgumentException as the reified [kotlinxSchema] with a builder does
 */
public fun <T : Any> kotlinxSchema(
    type: Class<T>,
    serializer: KSerializer<T>,
    json: Json = ObjectStoreJson,
    build: ObjectSchema.Builder<T>.() -> Unit,
): ObjectSchema<T> {
    val codec = objectCodec(type, serializer, json)
    return ObjectSchema.builder(type, codec).apply(build).build().also { checkNames(it, serializer) }
}

/**
 * Returns the codec of an object store of [type], after checking that [json] writes every property by its name and
 * that [serializer] writes a JSON object; done before the schema is read, so these are the errors a caller sees first.
 */
@OptIn(ExperimentalSerializationApi::class)
private fun <T : Any> objectCodec(type: Class<T>, serializer: KSerializer<T>, json: Json): KotlinxCodec<T> {
    val config = json.configuration
    val missing = buildList {
        if (!config.encodeDefaults) add("encodeDefaults = true")
        if (!config.explicitNulls) add("explicitNulls = true")
        if (config.namingStrategy != null) add("no namingStrategy")
    }
    if (missing.isNotEmpty()) {
        throw DsInvalidArgumentException(
            "${type.name}: the Json of an object store must write every property under its own name, but it lacks " +
                "${missing.joinToString()}; start from ObjectStoreJson: Json(ObjectStoreJson) { ... }")
    }
    val descriptor = serializer.descriptor
    if (descriptor.kind != StructureKind.CLASS) {
        throw DsInvalidArgumentException(
            "${type.name}: an object store needs a class that kotlinx-serialization writes as a JSON object of its " +
                "properties, but its serializer (${descriptor.serialName}) is of kind ${descriptor.kind}")
    }
    return KotlinxCodec(serializer, json)
}

/**
 * Checks that the JSON object [serializer] writes has exactly the properties that ds read from the fields of
 * [schema]'s class as members, and each enum property's constants under their Java names.
 */
@OptIn(ExperimentalSerializationApi::class)
private fun <T : Any> checkNames(schema: ObjectSchema<T>, serializer: KSerializer<T>) {
    val type = schema.type().name
    val descriptor = serializer.descriptor
    val serialNames = descriptor.names()
    val fields = schema.properties().keys
    val notFields = serialNames - fields
    val notSerialized = fields - serialNames.toSet()
    if (notFields.isNotEmpty() || notSerialized.isNotEmpty()) {
        throw DsInvalidArgumentException(
            "$type: ds reads the properties from the class's fields, so kotlinx-serialization must write each under " +
                "its field name, and nothing else; serialized but not a field (renamed with @SerialName?): " +
                "$notFields; a field but not serialized (@Transient, or a delegate?): $notSerialized")
    }
    for (i in 0 until descriptor.elementsCount) {
        val element = descriptor.getElementDescriptor(i)
        val javaType = schema.javaTypes()[descriptor.getElementName(i)]
        if (element.kind != SerialKind.ENUM || javaType == null || !javaType.isEnum) continue
        val javaNames = javaType.enumConstants.map { (it as Enum<*>).name }
        if (element.names() != javaNames) {
            throw DsInvalidArgumentException(
                "$type: the enum property '${descriptor.getElementName(i)}' is serialized as ${element.names()}, " +
                    "but queries and updates use the Java names $javaNames; remove the @SerialName of its constants")
        }
    }
}

/** Returns the names of the elements of this descriptor, in order. */
@OptIn(ExperimentalSerializationApi::class)
private fun SerialDescriptor.names(): List<String> = (0 until elementsCount).map { getElementName(it) }
