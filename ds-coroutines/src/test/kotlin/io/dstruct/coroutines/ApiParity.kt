package io.dstruct.coroutines

import io.dstruct.Ds
import java.io.File
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.util.jar.JarFile
import kotlin.reflect.KClass
import kotlin.reflect.KParameter
import kotlin.reflect.KVisibility
import kotlin.reflect.full.memberFunctions

/**
 * The rule that keeps the Kotlin face in step with the Java one (as Lettuce's coroutine API test does): each public
 * `io.dstruct.AsyncX` interface has a class `io.dstruct.coroutines.CoX` with a public suspend function of the same name
 * and parameter count for each of its methods.
 */
internal object ApiParity {
    private const val CORE_PACKAGE = "io.dstruct"
    private const val CO_PACKAGE = "io.dstruct.coroutines"

    /**
     * Returns the top-level types of the package `io.dstruct`, found by listing `io/dstruct/` in the jar or classes
     * directory that ds-core was loaded from, so a type added tomorrow is found without editing this test.
     */
    fun corePackageTypes(): List<Class<*>> {
        val location = File(Ds::class.java.protectionDomain.codeSource.location.toURI())
        val dir = CORE_PACKAGE.replace('.', '/') + "/"
        val entries: List<String> = if (location.isDirectory) {
            File(location, dir).listFiles().orEmpty().map { dir + it.name }
        } else {
            JarFile(location).use { jar -> jar.entries().asSequence().map { it.name }.toList() }
        }
        val loader = Ds::class.java.classLoader
        return entries
            .filter { it.startsWith(dir) && it.endsWith(".class") && it.indexOf('/', dir.length) < 0 }
            .map { it.removeSuffix(".class").replace('/', '.') }
            .filter { '$' !in it && !it.endsWith("package-info") }
            .sorted()
            .map { Class.forName(it, false, loader) }
    }

    /** Returns the public `Async*` interfaces among [types]. */
    fun asyncInterfaces(types: List<Class<*>>): List<Class<*>> =
        types.filter { it.isInterface && Modifier.isPublic(it.modifiers) && it.simpleName.startsWith("Async") }

    /** Returns the name of the coroutine twin of [async]: `AsyncDict` gives `io.dstruct.coroutines.CoDict`. */
    fun twinName(async: Class<*>): String = "$CO_PACKAGE.Co" + async.simpleName.removePrefix("Async")

    /** Returns the coroutine twin class of [async], or null if there is none. */
    fun twinOf(async: Class<*>): KClass<*>? =
        try {
            Class.forName(twinName(async), false, async.classLoader).kotlin
        } catch (e: ClassNotFoundException) {
            null
        }

    /**
     * Returns one line for each operation of [async] that [co] lacks as a public suspend function with the same name and
     * number of parameters; all of them, with the class, when [co] is null. Methods of [Object] are ignored.
     */
    fun missingTwins(async: Class<*>, co: KClass<*>?): List<String> {
        val operations = async.methods
            .filter { !Modifier.isStatic(it.modifiers) && !it.isSynthetic && !isObjectMethod(it) }
            .sortedWith(compareBy({ it.name }, { it.parameterCount }))
        if (co == null) {
            return listOf("missing class ${twinName(async)} for ${async.name} (${operations.size} operations)")
        }
        val suspends = co.memberFunctions
            .filter { it.isSuspend && it.visibility == KVisibility.PUBLIC }
            .map { f -> f.name to f.parameters.count { it.kind == KParameter.Kind.VALUE } }
            .toSet()
        return operations
            .filter { (it.name to it.parameterCount) !in suspends }
            .map { m ->
                "${co.simpleName} lacks suspend fun ${m.name} with ${m.parameterCount} parameter(s), the twin of " +
                    "${async.simpleName}.${m.name}(${m.parameterTypes.joinToString { it.simpleName }})"
            }
            .distinct()
    }

    /**
     * Returns one line for each public type among [types] that has a public no-argument `async()` method but no public
     * interface `Async<Type>` in [types], or whose `async()` returns something else.
     */
    fun structuresWithoutAsyncInterface(types: List<Class<*>>): List<String> {
        val asyncNames = asyncInterfaces(types).associateBy { it.simpleName }
        return types
            .filter { Modifier.isPublic(it.modifiers) && !it.simpleName.startsWith("Async") }
            .mapNotNull { type ->
                // DsOptions names Micrometer's MeterRegistry, an optional dependency that this class path lacks on
                // purpose (NoMicrometerTest): its methods cannot be listed here, and it is not a structure.
                val methods = try {
                    type.methods
                } catch (e: NoClassDefFoundError) {
                    return@mapNotNull null
                }
                val async = methods.firstOrNull { it.name == "async" && it.parameterCount == 0 }
                    ?: return@mapNotNull null
                val expected = asyncNames["Async" + type.simpleName]
                when {
                    expected == null -> "${type.name} has async() but there is no public interface $CORE_PACKAGE.Async${type.simpleName}"
                    async.returnType != expected -> "${type.name}.async() returns ${async.returnType.name}, not ${expected.name}"
                    else -> null
                }
            }
    }

    private fun isObjectMethod(m: Method): Boolean =
        Any::class.java.methods.any { it.name == m.name && it.parameterTypes.contentEquals(m.parameterTypes) }
}
