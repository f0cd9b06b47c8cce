package io.dstruct

import io.dstruct.ObjectSchema.Compound
import io.dstruct.ObjectSchema.Kind
import io.dstruct.StoreFixtures.Bean
import io.dstruct.StoreFixtures.Broken
import io.dstruct.StoreFixtures.Child
import io.dstruct.StoreFixtures.DoubleId
import io.dstruct.StoreFixtures.Everything
import io.dstruct.StoreFixtures.IndexedAddress
import io.dstruct.StoreFixtures.IndexedDecimal
import io.dstruct.StoreFixtures.IndexedDouble
import io.dstruct.StoreFixtures.IndexedId
import io.dstruct.StoreFixtures.IntVersion
import io.dstruct.StoreFixtures.NoId
import io.dstruct.StoreFixtures.Order
import io.dstruct.StoreFixtures.OrderedString
import io.dstruct.StoreFixtures.Reserved
import io.dstruct.StoreFixtures.Status
import io.dstruct.StoreFixtures.StringId
import io.dstruct.StoreFixtures.TwoIds
import io.dstruct.StoreFixtures.TwoVersions
import io.dstruct.StoreFixtures.UniqueList
import io.dstruct.internal.store.SchemaReader
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.maps.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.math.BigDecimal
import java.math.BigInteger
import java.net.URI
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.Year
import java.util.Optional
import java.util.UUID

/** A Kotlin data class: the ds annotations land on the backing fields of its vals. */
data class KotlinItem(
  @Id val id: Long,
  @Indexed val name: String,
  @Ordered val score: Double,
  @Unique val code: Int,
  @Version val version: Long,
  val tags: List<String>,
  val done: Boolean,
) {
  /** Not a property: no backing field. */
  val label: String get() = "$name:$code"

  companion object {
    /** Not a property: static. */
    const val KIND = "item"
  }
}

/** A Kotlin class whose annotations sit on its getters. */
class KotlinGetters(@get:Id val key: String, @get:Indexed val group: String)

class ObjectSchemaTest : FunSpec({

  fun invalid(block: () -> Any?): String = shouldThrow<DsInvalidArgumentException> { block() }.message!!

  test("of_record_readsPropertiesKindsAndRoles") {
    val s = ObjectSchema.of(Order::class.java)
    s.type() shouldBe Order::class.java
    s.properties().keys.toList() shouldContainExactly listOf(
      "id", "tenant", "status", "createdAt", "ref", "number", "price", "version", "tags", "address", "paid", "note")
    s.properties()["id"] shouldBe Kind.NUMBER
    s.properties()["tenant"] shouldBe Kind.TEXT
    s.properties()["status"] shouldBe Kind.TEXT
    s.properties()["price"] shouldBe Kind.NUMBER
    s.properties()["tags"] shouldBe Kind.JSON
    s.properties()["address"] shouldBe Kind.JSON
    s.properties()["paid"] shouldBe Kind.BOOLEAN
    s.javaTypes()["id"] shouldBe Long::class.javaPrimitiveType
    s.javaTypes()["paid"] shouldBe java.lang.Boolean::class.java
    s.javaTypes()["status"] shouldBe Status::class.java
    s.id() shouldBe "id"
    s.version() shouldBe "version"
    s.indexed().toList() shouldContainExactly listOf("tenant", "status", "number")
    s.ordered().toList() shouldContainExactly listOf("createdAt")
    s.unique().toList() shouldContainExactly listOf("ref", "number")
    s.compounds() shouldBe emptyList()
    s.toString() shouldContain "id=id"
  }

  test("properties_everyType_hasItsKind") {
    val s = ObjectSchema.of(Everything::class.java)
    val expected = linkedMapOf(
      "id" to Kind.NUMBER, "text" to Kind.TEXT, "letter" to Kind.TEXT, "small" to Kind.NUMBER,
      "boxed" to Kind.NUMBER, "big" to Kind.NUMBER, "real" to Kind.NUMBER, "single" to Kind.NUMBER,
      "decimal" to Kind.NUMBER, "huge" to Kind.NUMBER, "flag" to Kind.BOOLEAN, "maybe" to Kind.BOOLEAN,
      "uuid" to Kind.TEXT, "at" to Kind.TEXT, "day" to Kind.TEXT, "span" to Kind.TEXT, "year" to Kind.NUMBER,
      "uri" to Kind.TEXT, "status" to Kind.TEXT, "numbers" to Kind.JSON, "labels" to Kind.JSON,
      "address" to Kind.JSON, "addresses" to Kind.JSON, "option" to Kind.JSON,
    )
    s.properties() shouldContainExactly expected
    s.properties().keys.toList() shouldContainExactly expected.keys.toList()
    s.javaTypes()["decimal"] shouldBe BigDecimal::class.java
    s.javaTypes()["huge"] shouldBe BigInteger::class.java
    s.javaTypes()["uuid"] shouldBe UUID::class.java
    s.javaTypes()["at"] shouldBe Instant::class.java
    s.javaTypes()["day"] shouldBe LocalDate::class.java
    s.javaTypes()["span"] shouldBe Duration::class.java
    s.javaTypes()["year"] shouldBe Year::class.java
    s.javaTypes()["uri"] shouldBe URI::class.java
    s.javaTypes()["option"] shouldBe Optional::class.java
  }

  test("properties_arrayOfTimes_isJson") {
    val kinds = LinkedHashMap<String, Kind>()
    SchemaReader.properties(ArrayHolder::class.java, kinds, LinkedHashMap())
    kinds shouldContainExactly mapOf("id" to Kind.NUMBER, "times" to Kind.JSON, "chars" to Kind.JSON)
  }

  test("of_class_fieldsSuperclassFirst_skipsStaticAndTransient") {
    val s = ObjectSchema.of(Child::class.java)
    s.properties().keys.toList() shouldContainExactly listOf("id", "version", "name", "score")
    s.id() shouldBe "id"
    s.version() shouldBe "version"
    s.indexed().toList() shouldContainExactly listOf("name")
    s.ordered().toList() shouldContainExactly listOf("score")
  }

  test("of_getters_readsAnnotationsOfGettersUnderTheirPropertyNames") {
    val s = ObjectSchema.of(Bean::class.java)
    s.properties().keys.toList() shouldContainExactly listOf("email", "key", "active", "url")
    s.id() shouldBe "key"
    s.unique().toList() shouldContainExactly listOf("email")
    s.indexed() shouldBe setOf("active", "url")
  }

  test("of_kotlinDataClass_annotationsOnBackingFields") {
    val s = ObjectSchema.of(KotlinItem::class.java)
    s.properties().keys.toList() shouldContainExactly listOf("id", "name", "score", "code", "version", "tags", "done")
    s.properties()["done"] shouldBe Kind.BOOLEAN
    s.properties()["tags"] shouldBe Kind.JSON
    s.id() shouldBe "id"
    s.version() shouldBe "version"
    s.indexed().toList() shouldContainExactly listOf("name")
    s.ordered().toList() shouldContainExactly listOf("score")
    s.unique().toList() shouldContainExactly listOf("code")
  }

  test("of_kotlinGetterAnnotations_found") {
    val s = ObjectSchema.of(KotlinGetters::class.java)
    s.id() shouldBe "key"
    s.indexed().toList() shouldContainExactly listOf("group")
  }

  test("of_stringId_accepted") {
    val s = ObjectSchema.of(StringId::class.java)
    s.id() shouldBe "id"
    s.properties()["id"] shouldBe Kind.TEXT
  }

  test("builder_inCode_ignoresAnnotations_andKeepsCompounds") {
    val s = ObjectSchema.builder(Order::class.java)
      .id("ref").indexed("tenant", "status").ordered("createdAt", "price").unique("number")
      .compound("tenant_status_by_createdAt", listOf("tenant", "status"), "createdAt")
      .compound("by-number", listOf("number"), "price")
      .build()
    s.id() shouldBe "ref"
    s.version() shouldBe null
    s.indexed().toList() shouldContainExactly listOf("tenant", "status")
    s.ordered().toList() shouldContainExactly listOf("createdAt", "price")
    s.unique().toList() shouldContainExactly listOf("number")
    s.compounds() shouldContainExactly listOf(
      Compound("tenant_status_by_createdAt", listOf("tenant", "status"), "createdAt"),
      Compound("by-number", listOf("number"), "price"))
    s.properties().size shouldBe 12
  }

  test("builder_compoundMayBeOrderedByTheId") {
    val s = ObjectSchema.builder(Order::class.java).id("id").compound("t", listOf("tenant"), "id").build()
    s.compounds().single().orderedField() shouldBe "id"
  }

  test("of_noId_refused") {
    val m = invalid { ObjectSchema.of(NoId::class.java) }
    m shouldContain NoId::class.java.name
    m shouldContain "no id property"
  }

  test("builder_noId_refused") {
    invalid { ObjectSchema.builder(Order::class.java).indexed("tenant").build() } shouldContain "no id property"
  }

  test("of_twoIds_refusedNamingBoth") {
    val m = invalid { ObjectSchema.of(TwoIds::class.java) }
    m shouldContain TwoIds::class.java.name
    m shouldContain "'first'"
    m shouldContain "'second'"
    m shouldContain "@Id"
  }

  test("of_twoVersions_refusedNamingBoth") {
    val m = invalid { ObjectSchema.of(TwoVersions::class.java) }
    m shouldContain "'v1'"
    m shouldContain "'v2'"
    m shouldContain "@Version"
  }

  test("of_indexedDouble_refused") {
    val m = invalid { ObjectSchema.of(IndexedDouble::class.java) }
    m shouldContain IndexedDouble::class.java.name
    m shouldContain "indexed property 'price' is a double"
    m shouldContain "floating-point"
  }

  test("of_indexedBigDecimal_refused") {
    invalid { ObjectSchema.of(IndexedDecimal::class.java) } shouldContain "indexed property 'price' is a java.math.BigDecimal"
  }

  test("of_orderedString_refused") {
    val m = invalid { ObjectSchema.of(OrderedString::class.java) }
    m shouldContain OrderedString::class.java.name
    m shouldContain "ordered property 'name' is a java.lang.String: only numbers can be ordered"
  }

  test("of_uniqueList_refused") {
    val m = invalid { ObjectSchema.of(UniqueList::class.java) }
    m shouldContain UniqueList::class.java.name
    m shouldContain "unique property 'tags' is a java.util.List"
  }

  test("of_indexedNestedObject_refused") {
    invalid { ObjectSchema.of(IndexedAddress::class.java) } shouldContain "indexed property 'address'"
  }

  test("of_reservedPrefix_refused") {
    val m = invalid { ObjectSchema.of(Reserved::class.java) }
    m shouldContain Reserved::class.java.name
    m shouldContain "property '_dsFlag' starts with '_ds'"
  }

  test("of_doubleId_refused") {
    val m = invalid { ObjectSchema.of(DoubleId::class.java) }
    m shouldContain "id property 'id' is a double"
  }

  test("of_intVersion_refused") {
    invalid { ObjectSchema.of(IntVersion::class.java) } shouldContain "version property 'version' is a int"
  }

  test("of_indexedId_refused") {
    invalid { ObjectSchema.of(IndexedId::class.java) } shouldContain "id property 'id' is also indexed"
  }

  test("builder_orderedOrUniqueId_refused") {
    invalid { ObjectSchema.builder(Order::class.java).id("id").ordered("id").build() } shouldContain
      "id property 'id' is also ordered"
    invalid { ObjectSchema.builder(Order::class.java).id("ref").unique("ref").build() } shouldContain
      "id property 'ref' is also unique"
  }

  test("builder_versionIsTheId_refused") {
    invalid { ObjectSchema.builder(Order::class.java).id("id").version("id").build() } shouldContain
      "both the id and the version"
  }

  test("builder_unknownProperty_refusedForEveryRole") {
    fun b() = ObjectSchema.builder(Order::class.java).id("id")
    invalid { ObjectSchema.builder(Order::class.java).id("nope").build() } shouldContain
      "id property 'nope' is not a property of the class (its properties: id, tenant,"
    invalid { b().indexed("nope").build() } shouldContain "indexed property 'nope' is not a property"
    invalid { b().ordered("nope").build() } shouldContain "ordered property 'nope' is not a property"
    invalid { b().unique("nope").build() } shouldContain "unique property 'nope' is not a property"
    invalid { b().version("nope").build() } shouldContain "version property 'nope' is not a property"
    invalid { b().indexed("Tenant").build() } shouldContain "invalid ObjectSchema of ${Order::class.java.name}: indexed property 'Tenant'"
  }

  test("builder_badCompounds_refused") {
    fun b() = ObjectSchema.builder(Order::class.java).id("id")
    invalid { b().compound("c", listOf(), "createdAt").build() } shouldContain "compound index 'c' has no equal fields"
    invalid { b().compound("c", listOf("nope"), "createdAt").build() } shouldContain
      "compound index 'c': equal field 'nope' is not a property"
    invalid { b().compound("c", listOf("tenant"), "nope").build() } shouldContain
      "compound index 'c': ordered field 'nope' is not a property"
    invalid { b().compound("c", listOf("tenant"), "note").build() } shouldContain
      "compound index 'c': ordered field 'note' is a java.lang.String: only numbers can be ordered"
    invalid { b().compound("c", listOf("price"), "createdAt").build() } shouldContain
      "compound index 'c': equal field 'price' is a double: a floating-point"
    invalid { b().compound("c", listOf("tags"), "createdAt").build() } shouldContain
      "compound index 'c': equal field 'tags' is a java.util.List"
    invalid { b().compound("c", listOf("tenant", "tenant"), "createdAt").build() } shouldContain
      "compound index 'c' lists equal field 'tenant' twice"
    invalid {
      b().compound("c", listOf("tenant"), "createdAt").compound("c", listOf("status"), "price").build()
    } shouldContain "compound index 'c' is declared twice"
    for (name in listOf("", "a b", "a:b", "{x}", "é")) {
      invalid { b().compound(name, listOf("tenant"), "createdAt").build() } shouldContain
        "compound index '$name': a compound name must be made of"
    }
  }

  test("of_manyProblems_allListedInOneMessage") {
    val m = invalid { ObjectSchema.of(Broken::class.java) }
    m shouldContain "invalid ObjectSchema of ${Broken::class.java.name}: "
    m shouldContain "no id property"
    m shouldContain "ordered property 'name'"
    m shouldContain "indexed property 'price'"
    m shouldContain "unique property 'labels'"
  }

  test("check_colonInAnIndexedName_refused_elsewhereAllowed") {
    val kinds = linkedMapOf("id" to Kind.NUMBER, "a:b" to Kind.TEXT, "c:d" to Kind.NUMBER, "e:f" to Kind.TEXT)
    val types = linkedMapOf<String, Class<*>>("id" to Long::class.java, "a:b" to String::class.java,
      "c:d" to Long::class.java, "e:f" to String::class.java)
    val m = invalid {
      SchemaReader.check(Order::class.java, kinds, types, "id", null, setOf("a:b"), setOf("c:d"), setOf(), listOf())
    }
    m shouldContain "indexed property 'a:b' holds ':'"
    m shouldContain "ordered property 'c:d' holds ':'"
    m shouldNotContain "e:f"
    SchemaReader.check(Order::class.java, kinds, types, "id", null, setOf(), setOf(), setOf(), listOf())
  }

  test("of_validSchemaWithEveryRoleOnTextIntegralAndBoolean_builds") {
    val s = ObjectSchema.builder(Everything::class.java).id("id")
      .indexed("text", "letter", "small", "boxed", "big", "huge", "flag", "maybe", "uuid", "day", "status", "year")
      .unique("text", "uuid", "big")
      .ordered("real", "single", "decimal", "huge", "small", "year")
      .build()
    s.indexed().size shouldBe 12
    s.ordered().size shouldBe 6
  }

  test("compound_copiesItsList") {
    val fields = mutableListOf("a")
    val c = Compound("c", fields, "b")
    fields.add("x")
    c.equalFields() shouldBe listOf("a")
  }
})

/** Arrays are JSON, even of java.time types. */
@Suppress("unused")
class ArrayHolder(val id: Long, val times: Array<Instant>, val chars: CharArray)
