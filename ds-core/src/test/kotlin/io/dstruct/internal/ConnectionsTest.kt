package io.dstruct.internal

import io.dstruct.DsInvalidArgumentException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** The URL rules of Ds.connect: the database of the path, and passwords kept out of messages. */
class ConnectionsTest : FunSpec({
    test("redact_replacesOnlyThePassword") {
        Connections.redact("redis://ada:s3cret@host:6379/2") shouldBe "redis://ada:***@host:6379/2"
        Connections.redact("redis://:s3cret@host:6379") shouldBe "redis://:***@host:6379"
        Connections.redact("rediss://s3cret@host:6380") shouldBe "rediss://***@host:6380"
        Connections.redact("redis://host:6379/3") shouldBe "redis://host:6379/3"
        Connections.redact("redis://a:p@ss@host:1") shouldBe "redis://a:***@host:1"
    }

    test("config_takesTheDatabaseFromThePath_andKeepsItOutOfTheAddress") {
        val single = Connections.config("redis://ada:pw@host:6379/7").useSingleServer()
        single.database shouldBe 7
        single.address shouldBe "redis://ada:pw@host:6379"
        Connections.config("redis://host:6379").useSingleServer().database shouldBe 0
        Connections.config("redis://host:6379/").useSingleServer().database shouldBe 0
        Connections.describe(Connections.config("redis://ada:pw@host:6379/7")) shouldBe "redis://ada:***@host:6379/7"
    }

    test("config_refusesAPathThatIsNotADatabase_withoutThePassword") {
        val e = shouldThrow<DsInvalidArgumentException> { Connections.config("redis://ada:pw@host:6379/db") }
        (e.message!!.contains("pw@")) shouldBe false
        shouldThrow<DsInvalidArgumentException> { Connections.config("redis://host:6379/99999999999") }
    }
})
