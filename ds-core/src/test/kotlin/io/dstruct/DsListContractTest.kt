package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.redisson.client.codec.StringCodec

/** DsList keeps the whole java.util.List contract, checked against a real Redis and an ArrayList side by side. */
class DsListContractTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun strings(prefix: String, vararg elements: String): DsList<String> {
        val list = ds.list(TestRedis.namespace(prefix), Codecs.string())
        if (elements.isNotEmpty()) list.addAll(elements.toList())
        return list
    }

    /** What Redis holds, read with redis-cli's eyes, not through DsList. */
    fun raw(list: DsList<*>): List<String> =
        ds.redisson().getList<String>(list.redisKey(), StringCodec.INSTANCE).readAll()

    test("name_andRedisKey") {
        val name = TestRedis.namespace("jobs")
        val list = ds.list(name)
        list.name() shouldBe name
        list.redisKey() shouldBe "{$name}:list"
        list.append("a")
        raw(list) shouldBe listOf("str:a")
    }

    test("get_headMiddleEnd") {
        val list = strings("get", "a", "b", "c")
        list[0] shouldBe "a"
        list[1] shouldBe "b"
        list[2] shouldBe "c"
    }

    test("set_headMiddleEnd_returnsPrevious") {
        val list = strings("set", "a", "b", "c")
        list.set(0, "A") shouldBe "a"
        list.set(1, "B") shouldBe "b"
        list.set(2, "C") shouldBe "c"
        list shouldBe listOf("A", "B", "C")
    }

    test("set_withDuplicates_replacesOnlyTheIndex") {
        val list = strings("setdup", "x", "x", "x")
        list.set(1, "y") shouldBe "x"
        raw(list) shouldBe listOf("x", "y", "x")
    }

    test("add_appendsAndReturnsTrue") {
        val list = strings("add")
        list.add("a") shouldBe true
        list.add("b") shouldBe true
        raw(list) shouldBe listOf("a", "b")
    }

    test("addAtIndex_headMiddleEnd") {
        val list = strings("addat", "b", "d")
        list.add(0, "a")
        raw(list) shouldBe listOf("a", "b", "d")
        list.add(2, "c")
        raw(list) shouldBe listOf("a", "b", "c", "d")
        list.add(4, "e")
        raw(list) shouldBe listOf("a", "b", "c", "d", "e")
    }

    test("addAtIndex_onEmptyList_atZero") {
        val list = strings("addat0")
        list.add(0, "only")
        raw(list) shouldBe listOf("only")
    }

    test("addAtIndex_withDuplicates_putsTheElementAtTheIndex") {
        // The element equal to the new one sits elsewhere, and the displaced element has twins too:
        // a LINSERT by pivot would put it next to the first twin, not at the index.
        val list = strings("adddup", "x", "y", "x", "y", "x")
        val mirror = arrayListOf("x", "y", "x", "y", "x")
        for ((index, element) in listOf(3 to "x", 0 to "y", 5 to "y", 2 to "x", 7 to "x")) {
            list.add(index, element)
            mirror.add(index, element)
            raw(list) shouldBe mirror
        }
    }

    test("removeAt_headMiddleEnd_returnsTheElement") {
        val list = strings("removeat", "a", "b", "c", "d")
        list.removeAt(0) shouldBe "a"
        list.removeAt(1) shouldBe "c"
        list.removeAt(1) shouldBe "d"
        raw(list) shouldBe listOf("b")
        list.removeAt(0) shouldBe "b"
        list.isEmpty() shouldBe true
    }

    test("removeAt_withDuplicates_removesTheIndexNotTheFirstTwin") {
        val list = strings("removeatdup", "x", "y", "x", "y")
        list.removeAt(2) shouldBe "x"
        raw(list) shouldBe listOf("x", "y", "y")
        list.removeAt(2) shouldBe "y"
        raw(list) shouldBe listOf("x", "y")
    }

    test("removeObject_removesTheFirstOccurrence") {
        val list = strings("remove", "a", "b", "a", "c")
        list.remove("a") shouldBe true
        raw(list) shouldBe listOf("b", "a", "c")
        list.remove("zz") shouldBe false
        raw(list) shouldBe listOf("b", "a", "c")
    }

    test("indexOf_lastIndexOf_contains") {
        val list = strings("indexof", "a", "b", "a", "c", "a")
        list.indexOf("a") shouldBe 0
        list.lastIndexOf("a") shouldBe 4
        list.indexOf("c") shouldBe 3
        list.lastIndexOf("b") shouldBe 1
        list.indexOf("zz") shouldBe -1
        list.lastIndexOf("zz") shouldBe -1
        list.contains("c") shouldBe true
        list.contains("zz") shouldBe false
        strings("indexofempty").indexOf("a") shouldBe -1
    }

    test("size_isEmpty_clear") {
        val list = strings("size")
        list.size shouldBe 0
        list.isEmpty() shouldBe true
        list.addAll(listOf("a", "b", "c"))
        list.size shouldBe 3
        list.isEmpty() shouldBe false
        list.clear()
        list.size shouldBe 0
        ds.redisson().keys.countExists(list.redisKey()) shouldBe 0L
    }

    test("addAll_appendsInOrder_acrossPages") {
        val list = strings("addall", "first")
        val many = (0 until 1_234).map { "e$it" }
        list.addAll(many) shouldBe true
        list.addAll(emptyList()) shouldBe false
        raw(list) shouldBe listOf("first") + many
    }

    test("addAllAtIndex_insertsInOrder") {
        // From AbstractList: one add(index) per element.
        val list = strings("addallat", "a", "d")
        list.addAll(1, listOf("b", "c")) shouldBe true
        raw(list) shouldBe listOf("a", "b", "c", "d")
    }

    test("containsAll_removeAll_retainAll") {
        val list = strings("bulk", "a", "b", "c", "b", "d")
        list.containsAll(listOf("a", "d")) shouldBe true
        list.containsAll(listOf("a", "zz")) shouldBe false
        list.removeAll(setOf("b")) shouldBe true
        raw(list) shouldBe listOf("a", "c", "d")
        list.retainAll(setOf("a", "d")) shouldBe true
        raw(list) shouldBe listOf("a", "d")
        list.removeIf { it == "a" } shouldBe true
        raw(list) shouldBe listOf("d")
    }

    test("iterator_over1200Elements_readsEveryPage") {
        val list = ds.list(TestRedis.namespace("iter"), Codecs.longs())
        list.addAll((0 until 1_200L).toList())
        val seen = mutableListOf<Long>()
        val it = list.iterator()
        while (it.hasNext()) seen.add(it.next())
        seen shouldBe (0 until 1_200L).toList()
        it.hasNext() shouldBe false
        shouldThrow<NoSuchElementException> { it.next() }
    }

    test("iterator_exactlyOnePage_andEmpty") {
        val list = ds.list(TestRedis.namespace("iter500"), Codecs.longs())
        list.iterator().hasNext() shouldBe false
        list.addAll((0 until 500L).toList())
        list.toList() shouldBe (0 until 500L).toList()
        list.append(500L)
        list.toList() shouldBe (0..500L).toList()
    }

    test("iteratorRemove_inTheMiddleOfAPage_andAtPageBoundaries") {
        val list = ds.list(TestRedis.namespace("iterremove"), Codecs.longs())
        val all = (0 until 1_200L).toList()
        list.addAll(all)
        // 250: middle of page 1; 499: last of page 1; 500: first of page 2; 999/1000: the next boundary;
        // 1199: the very last element.
        val doomed = setOf(250L, 499L, 500L, 999L, 1_000L, 1_199L)
        val seen = mutableListOf<Long>()
        val it = list.iterator()
        while (it.hasNext()) {
            val v = it.next()
            seen.add(v)
            if (v in doomed) it.remove()
        }
        seen shouldBe all
        list.toList() shouldBe all.filter { it !in doomed }
        list.size shouldBe 1_200 - doomed.size
    }

    test("iteratorRemove_everyElement_emptiesTheList") {
        val list = ds.list(TestRedis.namespace("iterremoveall"), Codecs.longs())
        list.addAll((0 until 1_100L).toList())
        val seen = mutableListOf<Long>()
        val it = list.iterator()
        while (it.hasNext()) {
            seen.add(it.next())
            it.remove()
        }
        seen shouldBe (0 until 1_100L).toList()
        list.isEmpty() shouldBe true
    }

    test("iteratorRemove_twiceOrBeforeNext_isIllegalState") {
        val list = strings("iterstate", "a", "b")
        val it = list.iterator()
        shouldThrow<IllegalStateException> { it.remove() }
        it.next()
        it.remove()
        shouldThrow<IllegalStateException> { it.remove() }
        raw(list) shouldBe listOf("b")
    }

    test("listIterator_forwardBackward_setAddRemove") {
        val list = strings("listiter", "a", "b", "c")
        val it = list.listIterator()
        it.hasPrevious() shouldBe false
        it.next() shouldBe "a"
        it.set("A")
        it.next() shouldBe "b"
        it.remove()
        it.add("B1")
        it.add("B2")
        it.nextIndex() shouldBe 3
        it.next() shouldBe "c"
        it.hasNext() shouldBe false
        it.previous() shouldBe "c"
        it.previous() shouldBe "B2"
        it.previousIndex() shouldBe 1
        raw(list) shouldBe listOf("A", "B1", "B2", "c")
        val back = list.listIterator(4)
        val reversed = mutableListOf<String>()
        while (back.hasPrevious()) reversed.add(back.previous())
        reversed shouldBe listOf("c", "B2", "B1", "A")
        shouldThrow<IndexOutOfBoundsException> { list.listIterator(5) }
    }

    test("subList_readsThrough") {
        val list = strings("sublist", "a", "b", "c", "d", "e")
        val sub = list.subList(1, 4)
        sub.size shouldBe 3
        sub shouldBe listOf("b", "c", "d")
        sub[0] shouldBe "b"
        sub.indexOf("d") shouldBe 2
        sub.contains("a") shouldBe false
        list.subList(2, 2).isEmpty() shouldBe true
    }

    test("subList_writesThrough") {
        val list = strings("sublistw", "a", "b", "c", "d", "e")
        list.subList(1, 3).clear()
        raw(list) shouldBe listOf("a", "d", "e")
        val sub = list.subList(1, 3)
        sub[0] = "D"
        sub.add("x")
        raw(list) shouldBe listOf("a", "D", "e", "x")
        sub.removeAt(1) shouldBe "e"
        sub.add(0, "first")
        raw(list) shouldBe listOf("a", "first", "D", "x")
        sub shouldBe listOf("first", "D", "x")
        shouldThrow<IndexOutOfBoundsException> { list.subList(2, 9) }
    }

    test("equalsAndHashCode_againstAnArrayList") {
        val list = strings("equals", "a", "b", "a")
        val same = arrayListOf("a", "b", "a")
        (list == same) shouldBe true
        (same == list) shouldBe true
        list.hashCode() shouldBe same.hashCode()
        (list == arrayListOf("a", "b")) shouldBe false
        (list == arrayListOf("a", "a", "b")) shouldBe false
        (arrayListOf("a", "b", "a", "c") == list) shouldBe false
        strings("equalsempty").hashCode() shouldBe emptyList<String>().hashCode()
        (strings("equalsempty2") == ArrayList<String>()) shouldBe true
        list shouldNotBe setOf("a", "b")
    }

    test("toString_likeAnArrayList") {
        strings("tostring").toString() shouldBe "[]"
        strings("tostring", "a", "b").toString() shouldBe "[a, b]"
        ds.list(TestRedis.namespace("tostringtyped")).apply { append(1L); append("two") }.toString() shouldBe "[1, two]"
    }

    test("indexOutOfRange_getSetAddRemove_negativeAndTooLarge_throwIoobe_andNothingWritten") {
        val list = strings("ioobe", "a", "b", "c")
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "get(-1)" to { list[-1] },
            "get(3)" to { list[3] },
            "get(MAX)" to { list[Int.MAX_VALUE] },
            "set(-1)" to { list.set(-1, "x") },
            "set(3)" to { list.set(3, "x") },
            "add(-1)" to { list.add(-1, "x") },
            "add(4)" to { list.add(4, "x") },
            "add(MAX)" to { list.add(Int.MAX_VALUE, "x") },
            "removeAt(-1)" to { list.removeAt(-1) },
            "removeAt(3)" to { list.removeAt(3) },
            "removeAt(MIN)" to { list.removeAt(Int.MIN_VALUE) },
        )
        for ((name, op) in ops) {
            val e = runCatching { op() }.exceptionOrNull()
            withClueOf(name) { (e is IndexOutOfBoundsException) shouldBe true }
            raw(list) shouldBe listOf("a", "b", "c")
        }
    }

    test("indexOutOfRange_onEmptyList") {
        val list = strings("ioobeempty")
        shouldThrow<IndexOutOfBoundsException> { list[0] }
        shouldThrow<IndexOutOfBoundsException> { list.set(0, "x") }
        shouldThrow<IndexOutOfBoundsException> { list.add(1, "x") }
        shouldThrow<IndexOutOfBoundsException> { list.removeAt(0) }
        ds.redisson().keys.countExists(list.redisKey()) shouldBe 0L
    }

    test("sameNameDifferentViews_shareTheData") {
        val name = TestRedis.namespace("shared")
        val a = ds.list(name, Codecs.string())
        val b = ds.list(name, Codecs.string())
        a.add("x")
        b[0] shouldBe "x"
        b.add(0, "w")
        a shouldBe listOf("w", "x")
    }
})

private inline fun <T> withClueOf(clue: String, block: () -> T): T = io.kotest.assertions.withClue(clue, block)
