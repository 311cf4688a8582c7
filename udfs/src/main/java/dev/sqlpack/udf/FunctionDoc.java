package dev.sqlpack.udf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The reference entry of a function: docs/functions.md is generated from these, and a test runs
 * every example and compares it with the documented result.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FunctionDoc {
    /** The SQL signature, e.g. {@code GEO_DISTANCE_KM(lat1, lon1, lat2, lon2) -> DOUBLE}. */
    String signature();

    /** One or two sentences on what it does. */
    String description();

    /** What NULL and malformed input give. */
    String nullRule();

    /** An example query (runs with the module loaded). */
    String example();

    /** The example's result rows, columns separated by " | ", rows by "\n". */
    String exampleResult();
}
