package io.dstruct.spring;

import io.dstruct.Ds;
import io.dstruct.DsOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The auto-configuration of ds's metrics: a {@link DsOptions} bean that records into the context's {@link
 * MeterRegistry}, when Micrometer is on the class path.
 *
 * <p>Without a {@code MeterRegistry} bean the options are {@link DsOptions#defaults()}, and metrics stay off. A
 * {@code DsOptions} bean of the application's own replaces this one.
 */
@AutoConfiguration(before = DsAutoConfiguration.class)
@ConditionalOnClass({Ds.class, MeterRegistry.class})
public class DsMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public DsMetricsAutoConfiguration() {}

  /**
   * Returns the options of the Ds bean: the context's {@code MeterRegistry} (its primary one), if any.
   *
   * @param registry the context's {@code MeterRegistry} beans
   * @return the default options, recording into the unique or primary registry if there is one
   */
  @Bean
  @ConditionalOnMissingBean
  public DsOptions dsOptions(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meterRegistry = registry.getIfUnique();
    return meterRegistry == null ? DsOptions.defaults() : DsOptions.defaults().withMeterRegistry(meterRegistry);
  }
}
