package io.dstruct.scripts

import io.dstruct.testing.internal.ApiDump
import io.kotest.core.spec.style.StringSpec
import java.nio.file.Path

/** Fails when the public API of ds-scripts changes and api/ds-scripts.api was not updated with it. */
class ApiDumpTest : StringSpec({

    "publicApi_matchesTheCheckedInDump" {
        ApiDump.check(ScriptRunner::class.java, Path.of("api/ds-scripts.api"))
    }
})
