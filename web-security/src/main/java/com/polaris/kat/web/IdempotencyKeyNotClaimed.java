package com.polaris.kat.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command endpoint that checks the {@code Idempotency-Key} header's form (400 invalid-idempotency-key) but does not
 * claim the key, because the command itself decides what a repeat is: its OpenAPI description ({@link ApiContract})
 * then lists neither 422 idempotency-key-reused nor 409 idempotency-key-in-use, and the header says how a repeat is
 * answered ({@link #value()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdempotencyKeyNotClaimed {

    /** How a repeat of the request is answered, e.g. "a second request is 409 erasure-already-requested". */
    String value();
}
