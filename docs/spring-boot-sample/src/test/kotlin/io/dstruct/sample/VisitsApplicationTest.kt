package io.dstruct.sample

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.spring.DsHealthIndicator
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.springframework.boot.SpringApplication
import org.springframework.boot.health.contributor.Status

/** Runs the sample application as a user would, against the Redis of ds-testing, and checks what it wrote. */
class VisitsApplicationTest : FunSpec({

    fun run(ns: String, vararg pages: String) = SpringApplication.run(
        VisitsApplication::class.java, "--ds.url=${TestRedis.uri()}", "--visits.namespace=$ns", *pages,
    )

    test("run_recordsTheVisitsOfItsArguments_sharedByEveryRun") {
        val ns = TestRedis.namespace("sample-visits")
        run(ns, "home", "home", "about").use { context ->
            context.getBean(DsHealthIndicator::class.java).health().status shouldBe Status.UP
        }
        run(ns, "home").use { context ->
            context.getBean(Visits::class.java).record("about") shouldBe 2
        }
        Ds.connect(TestRedis.uri()).use { ds ->
            val visits = ds.dict(ns, Codecs.longs())
            visits["home"] shouldBe 3L
            visits["about"] shouldBe 2L
            visits.clear()
        }
    }
})
