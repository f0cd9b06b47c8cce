package io.dstruct.spring;

import io.dstruct.Ds;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The auto-configuration of the {@code ds} health indicator ({@link DsHealthIndicator}), when Spring Boot's
 * health support ({@code spring-boot-health}, which the actuator brings) is on the class path and the context
 * has a {@link Ds}.
 *
 * <p>{@code management.health.ds.enabled=false} turns it off; a bean named {@code dsHealthIndicator} replaces it.
 */
@AutoConfiguration(after = DsAutoConfiguration.class)
@ConditionalOnClass({Ds.class, HealthIndicator.class})
@ConditionalOnBean(Ds.class)
@ConditionalOnEnabledHealthIndicator("ds")
public class DsHealthAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public DsHealthAutoConfiguration() {}

  /**
   * Returns the health indicator of the context's Ds.
   *
   * @param ds the context's Ds
   * @return the indicator, which gives each master 2 seconds to answer PING
   */
  @Bean
  @ConditionalOnMissingBean(name = "dsHealthIndicator")
  public DsHealthIndicator dsHealthIndicator(Ds ds) {
    return new DsHealthIndicator(ds);
  }
}
