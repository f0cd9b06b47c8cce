package io.dstruct.docs;

import static io.dstruct.docs.Tour.chapter;
import static io.dstruct.docs.Tour.step;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.Ds;
import io.dstruct.DsList;
import io.dstruct.DsOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The tour's chapter on metrics: a Ds that records its meters in a Micrometer registry (docs/observability.md). */
final class MetricsTour {
  private MetricsTour() {}

  static void metrics(String uri) throws InterruptedException {
    chapter("Metrics: Micrometer meters, off unless a MeterRegistry is given");
    // tag::metrics[]
    MeterRegistry registry = new SimpleMeterRegistry();
    Ds metered = Ds.connect(uri, DsOptions.defaults().withMeterRegistry(registry));
    Dict<Long> hits = metered.dict("tour-metered", Codecs.longs());
    hits.put("page", 1L);                                        // GETSET
    hits.merge("page", 1L, Long::sum);                           // GET, then the script dict_compare_and_set
    hits.get("page");                                            // GET
    Timer gets = registry.get("ds.command").tag("command", "GET").tag("outcome", "success").timer();
    Timer cas = registry.get("ds.script").tag("script", "dict_compare_and_set").timer();
    DsList<String> jobs = metered.list("tour-metered-jobs", Codecs.string());
    jobs.addAll(List.of("a", "b", "c"));
    registry.get("ds.list.size").tag("name", "tour-metered-jobs").gauge().value();   // NaN: the first read starts
    // end::metrics[]
    try {
      step("gets.count()", gets.count());
      step("cas.count()", cas.count());
      step("gets.totalTime(MICROSECONDS) > 0", gets.totalTime(TimeUnit.MICROSECONDS) > 0);
      double size = Double.NaN;
      for (int i = 0; i < 100 && !(size == 3.0); i++) {
        Thread.sleep(20);
        size = registry.get("ds.list.size").tag("name", "tour-metered-jobs").gauge().value();
      }
      step("registry.get(\"ds.list.size\").tag(\"name\", \"tour-metered-jobs\").gauge().value()", size);
      hits.clear();
      jobs.clear();
    } finally {
      metered.close();
    }
  }
}
