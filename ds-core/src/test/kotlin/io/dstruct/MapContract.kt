package io.dstruct

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import java.util.AbstractMap.SimpleEntry
import java.util.concurrent.ConcurrentMap

/**
 * The [ConcurrentMap] contract that every map of ds keeps, as a reusable set of tests.
 *
 * A spec applies it once per structure: `mapContract("HashDict") { prefix -> ds.hashDict(..., Codecs.longs()) }`.
 * [newMap] must return an empty map of [Long] values under a name no other test uses, derived from `prefix`
 * (with `TestRedis.namespace(prefix)`). Each test becomes `<name> <test>` in the report.
 */
fun FunSpec.mapContract(name: String, newMap: (prefix: String) -> ConcurrentMap<String, Long>) {
    fun contract(test: String, body: suspend () -> Unit) = test("$name $test") { body() }

    contract("put_returnsPrevious_get_absentIsNull") {
        val d = newMap("put")
        d.put("a", 1L) shouldBe null
        d.put("a", 2L) shouldBe 1L
        d["a"] shouldBe 2L
        d["missing"] shouldBe null
        d.get(42 as Any) shouldBe null
        d.containsKey(42 as Any) shouldBe false
    }

    contract("putIfAbsent_writesOnlyWhenAbsent") {
        val d = newMap("pia")
        d.putIfAbsent("a", 1L) shouldBe null
        d.putIfAbsent("a", 2L) shouldBe 1L
        d["a"] shouldBe 1L
    }

    contract("replace_bothForms") {
        val d = newMap("replace")
        d.replace("a", 1L) shouldBe null
        d.containsKey("a") shouldBe false
        d["a"] = 1L
        d.replace("a", 2L) shouldBe 1L
        d.replace("a", 1L, 3L) shouldBe false
        d["a"] shouldBe 2L
        d.replace("a", 2L, 3L) shouldBe true
        d["a"] shouldBe 3L
        d.replace("absent", 1L, 2L) shouldBe false
        d.containsKey("absent") shouldBe false
    }

    contract("remove_bothForms") {
        val d = newMap("remove")
        d["a"] = 1L
        d.remove("a", 2L) shouldBe false
        d["a"] shouldBe 1L
        d.remove("a", 1L) shouldBe true
        d.containsKey("a") shouldBe false
        d["b"] = 5L
        d.remove("b") shouldBe 5L
        d.remove("b") shouldBe null
        d.remove(42 as Any) shouldBe null
    }

    contract("remove_keyWithValueOfAnotherType_isFalse_andKeepsTheEntry") {
        // remove(Object, Object) takes any value; one this map cannot hold is never there (as in ConcurrentHashMap).
        val d = newMap("removetype")
        d["a"] = 1L
        @Suppress("UNCHECKED_CAST")
        val untyped = d as MutableMap<String, Any>
        untyped.remove("a", "1") shouldBe false
        (untyped.entries as MutableSet<Any>).remove(SimpleEntry("a", "1")) shouldBe false
        d["a"] shouldBe 1L
    }

    contract("getOrDefault") {
        val d = newMap("god")
        d.getOrDefault("a", 9L) shouldBe 9L
        d["a"] = 1L
        d.getOrDefault("a", 9L) shouldBe 1L
    }

    contract("compute_family_andMerge") {
        val d = newMap("compute")
        d.compute("a") { _, v -> (v ?: 0L) + 1 } shouldBe 1L
        d.compute("a") { _, v -> (v ?: 0L) + 1 } shouldBe 2L
        d.compute("a") { _, _ -> null } shouldBe null
        d.containsKey("a") shouldBe false
        d.computeIfAbsent("b") { 10L } shouldBe 10L
        d.computeIfAbsent("b") { 99L } shouldBe 10L
        d.computeIfAbsent("n") { null } shouldBe null
        d.containsKey("n") shouldBe false
        d.computeIfPresent("b") { _, v -> v + 1 } shouldBe 11L
        d.computeIfPresent("zz") { _, v -> v + 1 } shouldBe null
        d.containsKey("zz") shouldBe false
        d.computeIfPresent("b") { _, _ -> null } shouldBe null
        d.containsKey("b") shouldBe false
        d.merge("m", 5L, Long::plus) shouldBe 5L
        d.merge("m", 5L, Long::plus) shouldBe 10L
        d.merge("m", 5L) { _, _ -> null } shouldBe null
        d.containsKey("m") shouldBe false
    }

    contract("compute_functionThrows_exceptionArrives_nothingWritten") {
        val d = newMap("computefail")
        d["a"] = 1L
        shouldThrow<IllegalStateException> { d.compute("a") { _, _ -> error("boom") } }.message shouldBe "boom"
        shouldThrow<IllegalStateException> { d.merge("a", 1L) { _, _ -> error("boom") } }
        d["a"] shouldBe 1L
    }

    contract("sizeIsEmptyClear_overMoreThanOnePage") {
        val d = newMap("size")
        d.isEmpty() shouldBe true
        d.size shouldBe 0
        d.putAll((1..1203).associate { "k$it" to it.toLong() })
        d.size shouldBe 1203
        d.isEmpty() shouldBe false
        d.keys.size shouldBe 1203
        d.keys.toSet().size shouldBe 1203
        d.entries.map { it.key }.toSet().size shouldBe 1203
        d.values.sum() shouldBe (1..1203).sum().toLong()
        d.clear()
        d.size shouldBe 0
        d.isEmpty() shouldBe true
    }

    contract("views_keySet_values_entrySet") {
        val d = newMap("views")
        d.putAll(mapOf("a" to 1L, "b" to 2L, "c" to 3L))
        d.keys shouldContainExactlyInAnyOrder listOf("a", "b", "c")
        d.values shouldContainExactlyInAnyOrder listOf(1L, 2L, 3L)
        ("a" in d.keys) shouldBe true
        d.entries.contains(SimpleEntry("a", 1L)) shouldBe true
        d.entries.contains(SimpleEntry("a", 2L)) shouldBe false
        d.containsValue(3L) shouldBe true
        d.containsValue(4L) shouldBe false
        d.keys.remove("a") shouldBe true
        d.containsKey("a") shouldBe false
        d.entries.remove(SimpleEntry("b", 9L)) shouldBe false
        d.entries.remove(SimpleEntry("b", 2L)) shouldBe true
        d.values.remove(3L) shouldBe true
        d.isEmpty() shouldBe true
    }

    contract("iterator_remove_andEntrySetValue_writeThrough") {
        val d = newMap("iter")
        d.putAll(mapOf("a" to 1L, "b" to 2L, "c" to 3L))
        val it = d.entries.iterator()
        shouldThrow<IllegalStateException> { it.remove() }
        while (it.hasNext()) {
            val e = it.next()
            if (e.key == "a") it.remove() else e.setValue(e.value * 10)
        }
        d.toMap() shouldContainExactly mapOf("b" to 20L, "c" to 30L)
        val kit = d.keys.iterator()
        kit.next()
        kit.remove()
        shouldThrow<IllegalStateException> { kit.remove() }
        d.size shouldBe 1
        shouldThrow<NoSuchElementException> { newMap("empty").entries.iterator().next() }
    }

    contract("forEach_andReplaceAll") {
        val d = newMap("foreach")
        d.putAll(mapOf("a" to 1L, "b" to 2L))
        val seen = mutableMapOf<String, Long>()
        d.forEach { k, v -> seen[k] = v }
        seen shouldContainExactly mapOf("a" to 1L, "b" to 2L)
        d.replaceAll { k, v -> if (k == "a") v + 10 else v * 100 }
        d.toMap() shouldContainExactly mapOf("a" to 11L, "b" to 200L)
    }

    contract("equalsAndHashCode_followTheMapContract") {
        val d = newMap("eq")
        d.putAll(mapOf("a" to 1L, "b" to 2L))
        val plain = hashMapOf("a" to 1L, "b" to 2L)
        (d == plain) shouldBe true
        (plain == d) shouldBe true
        d.hashCode() shouldBe plain.hashCode()
        d["c"] = 3L
        (d == plain) shouldBe false
        (plain == d) shouldBe false
    }

    contract("toString_showsEntries") {
        val d = newMap("ts")
        d.toString() shouldBe "{}"
        d["x"] = 1L
        d.toString() shouldBe "{x=1}"
    }
}
