package io.dstruct;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code long} property that holds an object's version in an {@link ObjectStore}: a save with it
 * is a compare-and-set on the stored version (optimistic concurrency, with no lock).
 *
 * <p>A new object has version 0; each write sets the next one (1, 2, ...) and returns the object with it.
 * A save whose version is not the stored one throws {@link DsConflictException} and writes nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Version {}
