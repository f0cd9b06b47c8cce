package io.dstruct;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a numeric property of an {@link ObjectStore} class as ordered: ranges ({@link
 * Query.Condition#between}, {@code gt}, {@code lt}...) and {@link Query#orderBy} read one Redis sorted set.
 *
 * <p>Values must be finite, and integers within ±2^53 (where every integer is a distinct score): a save of
 * NaN, an infinity or a larger integer is refused with {@link DsInvalidArgumentException}. An object
 * whose value is null is in no range and in no ordered result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Ordered {}
