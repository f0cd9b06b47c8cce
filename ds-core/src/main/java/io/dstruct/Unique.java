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
 * <p>The property takes the types that {@link Indexed} takes (text such as strings, enums and UUIDs, integral
 * numbers, booleans), and is never null. A unique property is also indexed for equality, and {@link
 * ObjectStore#getOrInsert} finds an object by it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Unique {}
