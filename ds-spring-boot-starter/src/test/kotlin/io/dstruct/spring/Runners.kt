package io.dstruct.spring

import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.runner.ApplicationContextRunner

/** A context runner with the starter's three auto-configurations, as an application that adds the starter has them. */
fun dsRunner(): ApplicationContextRunner = ApplicationContextRunner().withConfiguration(
    AutoConfigurations.of(
        DsAutoConfiguration::class.java,
        DsMetricsAutoConfiguration::class.java,
        DsHealthAutoConfiguration::class.java,
    ),
)
