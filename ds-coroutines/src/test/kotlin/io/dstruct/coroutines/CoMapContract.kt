package io.dstruct.coroutines

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.toList

/**
 * The tests of the map operations that [CoDict] and [CoHashDict] share through [CoMap]: each spec calls this with a
 * factory of its own maps of longs, so both run every test.
 */
fun FunSpec.coMapContract(map: (prefix: String) -> CoMap<Long>) {
    test("get_absent_returnsNull") {
        map("absent").get("missing") shouldBe null
    }

    test("putIfAbsent_writesOnlyWhenAbsent") {
        val m = map("pia")
        m.putIfAbsent("a", 1L) shouldBe null
        m.putIfAbsent("a", 2L) shouldBe 1L
        m["a"] shouldBe 1L
    }

    test("replace_writesOnlyWhenPresent") {
        val m = map("replace")
        m.replace("a", 1L) shouldBe null
        m.containsKey("a") shouldBe false
        m["a"] = 1L
        m.replace("a", 2L) shouldBe 1L
        m["a"] shouldBe 2L
    }

    test("replace_oldNew_writesOnlyOnMatch") {
        val m = map("cas")
        m["a"] = 1L
        m.replace("a", 5L, 2L) shouldBe false
        m["a"] shouldBe 1L
        m.replace("a", 1L, 2L) shouldBe true
        m["a"] shouldBe 2L
        m.replace("absent", 1L, 2L) shouldBe false
        m.containsKey("absent") shouldBe false
    }

    test("remove_returnsValueAndDeletes") {
        val m = map("remove")
        m["a"] = 1L
        m.remove("a") shouldBe 1L
        m.remove("a") shouldBe null
        m.containsKey("a") shouldBe false
    }

    test("remove_keyValue_deletesOnlyOnMatch") {
        val m = map("removekv")
        m["a"] = 1L
        m.remove("a", 2L) shouldBe false
        m["a"] shouldBe 1L
        m.remove("a", 1L) shouldBe true
        m.containsKey("a") shouldBe false
    }

    test("delete_returnsWhetherItExisted") {
        val m = map("delete")
        m["a"] = 1L
        m.delete("a") shouldBe true
        m.delete("a") shouldBe false
        m["a"] shouldBe null
    }

    test("deleteAll_removesTheWholeStructure") {
        val m = map("deleteall")
        m["a"] = 1L
        m["b"] = 2L
        m.delete() shouldBe true
        m["a"] shouldBe null
        m.entries().toList() shouldBe emptyList()
        m.delete() shouldBe false
    }

    test("compute_absentPresentAndNull") {
        val m = map("compute")
        m.compute("a") { _, old -> (old ?: 10L) + 1 } shouldBe 11L
        m.compute("a") { k, old -> old!! + k.length } shouldBe 12L
        m["a"] shouldBe 12L
        m.compute("a") { _, _ -> null } shouldBe null
        m.containsKey("a") shouldBe false
    }

    test("computeIfAbsent_writesOnlyWhenAbsent") {
        val m = map("cia")
        m.computeIfAbsent("a") { 3L } shouldBe 3L
        m.computeIfAbsent("a") { 4L } shouldBe 3L
        m.computeIfAbsent("b") { null } shouldBe null
        m["a"] shouldBe 3L
        m.containsKey("b") shouldBe false
    }

    test("computeIfPresent_writesOnlyWhenPresent") {
        val m = map("cip")
        m.computeIfPresent("a") { _, old -> old * 2 } shouldBe null
        m.containsKey("a") shouldBe false
        m["a"] = 3L
        m.computeIfPresent("a") { _, old -> old * 2 } shouldBe 6L
        m["a"] shouldBe 6L
        m.computeIfPresent("a") { _, _ -> null } shouldBe null
        m.containsKey("a") shouldBe false
    }

    test("merge_absentSetsValue_presentCombines") {
        val m = map("merge")
        m.merge("a", 5L, Long::plus) shouldBe 5L
        m.merge("a", 2L, Long::plus) shouldBe 7L
        m["a"] shouldBe 7L
        m.merge("a", 0L) { _, _ -> null } shouldBe null
        m.containsKey("a") shouldBe false
    }
}
