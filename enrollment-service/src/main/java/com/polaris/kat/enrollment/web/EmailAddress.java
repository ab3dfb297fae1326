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
 * copy the e-mail search (and so an erasure) missed. For the same reason the part before the @ must be a dot-atom (RFC 5322,
 * with RFC 6531's non-ASCII letters): a quoted string ({@code "name"@…}, {@code a."b"@…}) or an escape ({@code c\d@…})
 * names a mailbox a dot-atom also names; and a domain's labels are separated by '.', not the ideographic full stop
 * U+3002. An international domain's spellings are one clinician by {@code EmailAddresses.key}. Null is valid (combine with {@code @NotBlank}).
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

        /**
         * RFC 5322's dot-atom (atext in parts separated by single dots), with RFC 6531's non-ASCII letters: what an address's
         * part before the @ may be here. Its quoted-string form and escapes are refused, since each names a mailbox a
         * dot-atom also names.
         */
        private static final java.util.regex.Pattern DOT_ATOM = java.util.regex.Pattern.compile(
                "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}]+)*");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (com.polaris.kat.events.enrollment.EmailAddresses.hasSpaceAround(value)) {
                // said as it is, a no-break space too (fresh reviewers' " name@example.org " read "with a real domain", and a
                // leading no-break space "typed as plain text")
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must have no spaces before or after it").addConstraintViolation();
                return false;
            }
            if (!java.text.Normalizer.isNormalized(value, java.text.Normalizer.Form.NFKC)
                    || value.codePoints().anyMatch(com.polaris.kat.security.strict.InvisibleCharacters::is)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be typed as plain text: no full-width or other compatibility"
                        + " forms and no characters that draw nothing (one address is one clinician)").addConstraintViolation();
                return false;
            }
            int at = value.lastIndexOf('@');
            if (at > 0 && !DOT_ATOM.matcher(value.substring(0, at)).matches()) {
                // "name"@…, a."b"@… and c\d@… name the mailbox of name@…, a.b@… and cd@… under other clinician ids (fresh reviewers' second seats)
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must have before the @ only letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~,"
                        + " in parts separated by single dots: no quotation marks, backslashes or spaces (one address is one clinician)")
                        .addConstraintViolation();
                return false;
            }
            if (at >= 0 && value.substring(at + 1).codePoints().anyMatch(c -> c == 0x3002)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must separate the parts of its domain with '.', not '\u3002'").addConstraintViolation();
                return false;
            }
            if (com.polaris.kat.events.enrollment.EmailAddresses.hasInvalidInternationalLabel(value)) {
                // its Unicode and xn-- spellings would be two clinicians (a fresh reviewer's bü--cher.de and xn--b--cher-n2a.de)
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must have a domain whose international labels IDNA 2008 allows (no '--' in"
                        + " the third and fourth places, no hyphen first or last, an xn-- label that decodes)").addConstraintViolation();
                return false;
            }
            if (value.endsWith(".") && !value.endsWith("..") && EMAIL.isValid(value.substring(0, value.length() - 1))) {
                // the root dot of a fully qualified name: said as such (a fresh reviewer's "…bücher.de." read "with a real domain")
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must not end with a dot: write the domain without it, e.g. name@example.org")
                        .addConstraintViolation();
                return false;
            }
            return EMAIL.isValid(value);
        }
    }
}
