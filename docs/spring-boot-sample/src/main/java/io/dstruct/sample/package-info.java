/**
 * A Spring Boot application on ds-spring-boot-starter: it counts visits per page in a {@link io.dstruct.Dict}.
 *
 * <p>The code of docs/spring-boot.md; not a published artifact.
 */
@NullMarked
package io.dstruct.sample;

import org.jspecify.annotations.NullMarked;
