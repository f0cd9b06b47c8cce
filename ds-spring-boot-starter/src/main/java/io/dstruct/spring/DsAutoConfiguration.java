package io.dstruct.spring;

import io.dstruct.Ds;
import io.dstruct.DsOptions;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The auto-configuration of the {@link Ds} bean, which backs off when the context defines its own {@code Ds}.
 *
 * <p>With a {@link RedissonClient} bean in the context, the Ds wraps it, and closing the context leaves that
 * client to its own bean's lifecycle. Without one, the Ds connects where {@link DsProperties} says (else {@code
 * spring.data.redis.*}) at start-up, so an unreachable Redis fails the context, and closing the context closes
 * it. Its {@link DsOptions} is the context's {@code DsOptions} bean if there is one ({@link
 * DsMetricsAutoConfiguration} makes one when Micrometer is present), else {@link DsOptions#defaults()}.
 */
@AutoConfiguration
@ConditionalOnClass(Ds.class)
@EnableConfigurationProperties(DsProperties.class)
public class DsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public DsAutoConfiguration() {}

  /**
   * Returns the Ds of the context's {@code RedissonClient}, else of the properties.
   *
   * @param properties the {@code ds.*} properties
   * @param environment the context's environment, read for {@code spring.data.redis.*}
   * @param redisson the context's {@code RedissonClient}, if it has one
   * @param options the context's {@code DsOptions}, if it has one
   * @return the Ds bean, closed with the context
   * @throws org.springframework.beans.factory.NoUniqueBeanDefinitionException if the context has more than one
   *     {@code RedissonClient} and none is primary
   * @throws io.dstruct.DsInvalidArgumentException if the properties do not describe a deployment
   * @throws io.dstruct.DsConnectionException if Redis cannot be reached
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Ds ds(DsProperties properties, Environment environment, ObjectProvider<RedissonClient> redisson,
      ObjectProvider<DsOptions> options) {
    DsOptions dsOptions = options.getIfAvailable(DsOptions::defaults);
    RedissonClient client = redisson.getIfAvailable();
    if (client != null) {
      return Ds.wrap(client, dsOptions);
    }
    return Ds.connect(RedisConfigs.of(properties, environment), dsOptions);
  }
}
