package com.polaris.kat.enrollment.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A client-chosen id that is a UUID in its canonical text form (RFC 9562 section 4): 8-4-4-4-12 hexadecimal digits
 * with hyphens, 36 characters, either case (the service keeps it lower-cased), e.g.
 * {@code 3f2c1a9e-7b4d-4e21-9c0a-5d6e7f809a1b}. Any version and variant are taken: the id only has to be a UUID,
 * as the OpenAPI description says ({@code format: uuid}). Null is valid (the id is optional). A refusal is
 * {@code 400 invalid-request} naming the field, as any malformed field.
 */
@Documented
@Pattern(regexp = Uuid.CANONICAL)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Uuid {

    /** The canonical 8-4-4-4-12 form. */
    String CANONICAL = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    String message() default "must be a UUID: 8-4-4-4-12 hexadecimal digits, e.g. 3f2c1a9e-7b4d-4e21-9c0a-5d6e7f809a1b";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
