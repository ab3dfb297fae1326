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
 * address with spaces around it stays refused as before. Typed as plain text: an address Unicode NFKC would change (full-width
 * or other compatibility forms) or holding a character that draws nothing ({@code InvisibleCharacters}, e.g. U+FE0F) is
 * refused with its own message. Reason: a fresh reviewer registered one person three times, "dup.email@…", full-width
 * "ｄｕｐ.email@…" and "dup.email@…" + U+FE0F each a new clinician id (an HMAC of the address as sent), so a second seat and a
 * copy the e-mail search (and so an erasure) missed. For the same reason a quoted local part ({@code "name"@example.org},
 * RFC 5321's quoted string) is refused: it names the mailbox its unquoted form names; an international domain's two
 * spellings are one clinician by {@code EmailAddresses.key}. Null is valid (combine with {@code @NotBlank}).
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
            if (value == null) {
                return true;
            }
            if (!java.text.Normalizer.isNormalized(value, java.text.Normalizer.Form.NFKC)
                    || value.codePoints().anyMatch(com.polaris.kat.security.strict.InvisibleCharacters::is)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be typed as plain text: no full-width or other compatibility"
                        + " forms and no characters that draw nothing (one address is one clinician)").addConstraintViolation();
                return false;
            }
            if (!value.equals(value.strip())) {
                // said as it is (a fresh reviewer's " name@example.org " read "with a real domain")
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must have no spaces before or after it").addConstraintViolation();
                return false;
            }
            if (value.startsWith("\"")) {
                // "name"@example.org is name@example.org's mailbox under another clinician id (a fresh reviewer's second seat)
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must not quote its part before the @: write it as name@example.org"
                        + " (one address is one clinician)").addConstraintViolation();
                return false;
            }
            return EMAIL.isValid(value);
        }
    }
}
