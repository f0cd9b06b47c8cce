package io.dstruct;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property of an {@link ObjectStore} class as indexed for exact equality: {@link Query.Condition#eq}
 * and {@link Query.Condition#in} on it read one Redis set per value.
 *
 * <p>The property must be text (a string, an enum, a UUID...), an integral number or a boolean; floating-point numbers are
 * refused (use {@link Ordered}), since equal numbers can be written in more than one way. A null value is
 * not indexed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Indexed {}
