package io.dstruct

import io.dstruct.StoreModels.Account
import io.kotest.assertions.withClue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

/** The order of a query ordered by score: by score, ties by id as text (as Redis orders equal scores). */
val byScore: Comparator<Account> = compareBy<Account> { it.score() }.thenBy { it.id().toString() }

/**
 * Asserts that the indexes of [store] agree with [objects], the whole content of the store as read from the
 * object hashes: verify() finds no drift, and a query on each index (every tag, tier, email, tag and tier pair,
 * and the score order) returns exactly the objects that hold the value. Also asserts that no two objects share
 * an email, which the unique index must have kept true.
 */
fun assertIndexesMatch(store: ObjectStore<Account>, objects: Collection<Account>) {
    withClue("verify") { store.verify().shouldBeEmpty() }
    val all = objects.sortedBy { it.id() }
    withClue("emails are unique") { all.map { it.email() }.toSet().size shouldBe all.size }
    store.count(Query.all()) shouldBe all.size.toLong()
    store.find(Query.all()) shouldBe all
    store.find(Query.all().orderBy("score")) shouldBe all.sortedWith(byScore)
    for (tag in all.map { it.tag() }.toSet()) {
        withClue("tag $tag") { store.find(Query.where("tag").eq(tag)) shouldBe all.filter { it.tag() == tag } }
    }
    for (tier in all.mapNotNull { it.tier() }.toSet()) {
        withClue("tier $tier") { store.find(Query.where("tier").eq(tier)) shouldBe all.filter { it.tier() == tier } }
        for (tag in all.map { it.tag() }.toSet()) {
            withClue("tag $tag and tier $tier, by the compound index") {
                store.find(Query.where("tag").eq(tag).and("tier").eq(tier).orderBy("score").descending()) shouldBe
                    all.filter { it.tag() == tag && it.tier() == tier }.sortedWith(byScore.reversed())
            }
        }
    }
    for (a in all) {
        withClue("email ${a.email()}") { store.find(Query.where("email").eq(a.email())) shouldBe listOf(a) }
    }
}
