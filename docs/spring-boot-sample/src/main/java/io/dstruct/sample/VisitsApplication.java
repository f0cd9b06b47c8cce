package io.dstruct.sample;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.Ds;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The sample application: it records a visit for each page named on the command line, in the Dict {@code visits}
 * that every instance of it shares, then prints the counts.
 *
 * <pre>{@code
 * java -jar sample.jar --ds.url=redis://127.0.0.1:6379 home home about
 * }</pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VisitsApplication {

  /** Starts the application with {@code args}: properties such as {@code --ds.url=...}, then page names. */
  public static void main(String[] args) {
    SpringApplication.run(VisitsApplication.class, args);
  }

  // tag::dict-bean[]
  /** The shared visit counts, one entry per page: a structure bean is one factory call on the Ds bean. */
  @Bean
  Dict<Long> visitCounts(Ds ds, VisitsProperties properties) {
    return ds.dict(properties.namespace(), Codecs.longs());
  }
  // end::dict-bean[]

  /** Records the visits of the command line's page names and prints each page's count. */
  @Bean
  ApplicationRunner recordVisits(Visits visits) {
    return args -> {
      for (String page : args.getNonOptionArgs()) {
        System.out.println(page + ": " + visits.record(page));
      }
    };
  }
}
