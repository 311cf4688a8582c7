package dev.sqlpack.udf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The reference entry of a function: docs/functions.md is generated from these, and a test runs
 * every example and compares it with the documented result. It is the one place for a function's
 * signature, NULL rule and example: the class Javadoc stays one line, and the SQL name comes from
 * the {@link FunctionRegistry}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FunctionDoc {
    /**
     * The SQL signature, e.g. {@code GEO_DISTANCE_KM(lat1 DOUBLE, ...) -> DOUBLE}. Leave out the
     * {@code -> TYPE} when a {@code @DataTypeHint} declares the output: the reference takes it from
     * there ({@link FunctionRegistry#signature}), so a ROW type is written once.
     */
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
