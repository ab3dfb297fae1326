package com.polaris.kat.enrollment.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A payment processor's charge reference: an identifier matched against the processor's records and, in the ledger, against
 * the other payments that name it exactly as sent (finance's {@code paymentsUnderReference}), so it must have no white space
 * (a space, a no-break space, a tab) before or after it: a fresh reviewer's {@code " ch_PAIR "} was recorded with its spaces
 * and counted as another charge than {@code ch_PAIR}. Refused, not trimmed, as an e-mail address with spaces around it is
 * ({@link EmailAddress}). (A payout's refund reference is compared by a key that ignores white space and case instead:
 * {@code RefundPayouts.referenceKey}, so a padded copy of a settled one is refused as that reference.) Null and blank are left
 * to the field's own rule (a charge reference is due only for an amount paid). A refusal is {@code 400 invalid-request}
 * naming the field.
 */
@Documented
@Constraint(validatedBy = ProcessorReference.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProcessorReference {

    String message() default "must have no spaces before or after it: the processor's reference as the processor wrote it";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule of {@link ProcessorReference}. */
    final class Check implements ConstraintValidator<ProcessorReference, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || !(space(value.codePointAt(0)) || space(value.codePointBefore(value.length())));
        }

        /** White space as Java or Unicode has it: a space, tab or line break, a no-break or another Unicode space. */
        private static boolean space(int c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }
}
