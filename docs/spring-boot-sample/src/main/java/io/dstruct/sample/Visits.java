package io.dstruct.sample;

import io.dstruct.Dict;
import org.springframework.stereotype.Service;

/** The visit counter of the sample: one atomic increment per visit, shared by every instance of the app. */
// tag::service[]
@Service
public class Visits {
  private final Dict<Long> visits;

  /** Creates the service over the Dict bean {@code visitCounts}. */
  public Visits(Dict<Long> visits) {
    this.visits = visits;
  }

  /** Records one visit of {@code page} and returns its count, atomically across every instance. */
  public long record(String page) {
    Long count = visits.merge(page, 1L, Long::sum);
    return count == null ? 0 : count;
  }
}
// end::service[]
