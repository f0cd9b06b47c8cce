package io.dstruct

import io.dstruct.testing.internal.ApiDump
import io.kotest.core.spec.style.StringSpec
import java.nio.file.Path

/** Fails when the public API of ds-core changes and api/ds-core.api was not updated with it. */
class ApiDumpTest : StringSpec({

    "publicApi_matchesTheCheckedInDump" {
        ApiDump.check(Ds::class.java, Path.of("api/ds-core.api"))
    }
})
