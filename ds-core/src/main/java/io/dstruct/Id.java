package io.dstruct;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the property that holds an object's id in an {@link ObjectStore}; exactly one property of a
 * class must carry it.
 *
 * <p>The id is a {@code long} (or {@code Long}, {@code int}) or a {@code String}. A {@code long} id of 0, or
 * a null {@code Long} or {@code String}, is assigned from the store's {@link IdGenerator} on save; any other
 * value is the caller's. In Kotlin, the annotation lands on the backing field of a {@code val}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Id {}
