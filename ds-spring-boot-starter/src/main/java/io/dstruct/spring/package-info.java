/**
 * Spring Boot auto-configuration for ds: a {@link io.dstruct.Ds} bean, a health indicator and metrics.
 *
 * <p>Add {@code ds-spring-boot-starter} and inject {@code Ds}; docs/spring-boot.md is the guide. The types
 * here are public so that Spring can load them and users can refer to them ({@code @AutoConfiguration(after
 * = DsAutoConfiguration.class)}, {@code @Autowired DsProperties}); they are the starter's public API.
 */
@NullMarked
package io.dstruct.spring;

import org.jspecify.annotations.NullMarked;
