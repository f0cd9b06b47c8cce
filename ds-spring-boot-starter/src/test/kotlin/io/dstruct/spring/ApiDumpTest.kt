package io.dstruct.spring

import io.dstruct.testing.internal.ApiDump
import io.kotest.core.spec.style.StringSpec
import java.nio.file.Path

/** Fails when the public API of ds-spring-boot-starter changes and api/ds-spring-boot-starter.api was not updated with it. */
class ApiDumpTest : StringSpec({

    "publicApi_matchesTheCheckedInDump" {
        ApiDump.check(DsAutoConfiguration::class.java, Path.of("api/ds-spring-boot-starter.api"))
    }
})
