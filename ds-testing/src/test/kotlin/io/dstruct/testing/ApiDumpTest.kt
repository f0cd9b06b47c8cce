package io.dstruct.testing

import io.dstruct.testing.internal.ApiDump
import io.kotest.core.spec.style.StringSpec
import java.nio.file.Path

/** Fails when the public API of ds-testing changes and api/ds-testing.api was not updated with it. */
class ApiDumpTest : StringSpec({

    "publicApi_matchesTheCheckedInDump" {
        ApiDump.check(TestRedis::class.java, Path.of("api/ds-testing.api"))
    }
})
