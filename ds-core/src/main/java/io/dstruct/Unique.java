package io.dstruct;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property of an {@link ObjectStore} class whose value no two objects may share; a save that
 * would break it throws {@link DsUniqueViolationException} and writes nothing.
 *
 * <p>The property must be a string, an integral number or an enum, and never null. {@link
 * ObjectStore#getOrInsert} finds an object by it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Unique {}
