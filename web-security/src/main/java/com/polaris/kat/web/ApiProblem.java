package com.polaris.kat.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem response an endpoint (or every endpoint of a controller, on the class) can answer, for
 * its OpenAPI description ({@link ApiContract}): the status and the problem types (slugs of
 * docs/problems.md) it answers with. 401 and 403 are added to every secured operation, 400 to every
 * operation with a body or query parameters, 404 to every operation with a path parameter, and 413
 * and 415 to every operation with a body; name them here only to list their types.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(ApiProblem.List.class)
public @interface ApiProblem {

    /** The HTTP status, e.g. 409. */
    int status();

    /** The problem types' slugs, e.g. {@code {"sold-out", "already-registered"}}. */
    String[] types();

    /** Several {@link ApiProblem}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        ApiProblem[] value();
    }
}
