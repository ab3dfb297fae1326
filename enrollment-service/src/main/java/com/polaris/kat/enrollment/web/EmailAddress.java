package com.polaris.kat.enrollment.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.apache.commons.validator.routines.EmailValidator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An e-mail address a message can be addressed to: {@code local@domain} as RFC 5321/5322 allow it, where
 * the domain is a fully qualified host name under a top-level domain IANA has delegated (or an address
 * literal), as Apache Commons Validator's {@link EmailValidator} decides (no local addresses such as
 * {@code a@b} or {@code name@localhost}, no bare top-level domains). Checked on the value as sent: the
 * service's normalisation (trimmed, lower-cased, from which the clinician id is derived) is not changed, and an
 * address with spaces around it stays refused as before. Null is valid (combine with {@code @NotBlank}).
 * A refusal is {@code 400 invalid-request} naming the field, as any malformed field. Decision and library
 * choice: docs/decisions.md.
 */
@Documented
@Constraint(validatedBy = EmailAddress.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailAddress {

    String message() default "must be an e-mail address with a real domain, e.g. name@example.org";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check: Commons Validator's EmailValidator, no local addresses, no bare top-level domains. */
    class Check implements ConstraintValidator<EmailAddress, String> {

        private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || EMAIL.isValid(value);
        }
    }
}
