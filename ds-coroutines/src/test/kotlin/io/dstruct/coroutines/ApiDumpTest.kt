package io.dstruct.coroutines

import io.dstruct.testing.internal.ApiDump
import io.kotest.core.spec.style.StringSpec
import java.nio.file.Path

/** Fails when the public API of ds-coroutines changes and api/ds-coroutines.api was not updated with it. */
class ApiDumpTest : StringSpec({

    "publicApi_matchesTheCheckedInDump" {
        ApiDump.check(CoCounter::class.java, Path.of("api/ds-coroutines.api"))
    }
})
