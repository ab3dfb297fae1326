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
 * Text that rosters, transcripts and certificates print (a clinician's name, profession, license number): at least one
 * letter or digit, and no character that prints as nothing or changes what the text around it shows (Unicode's control,
 * format and line or paragraph separator categories, e.g. U+200B zero-width space, U+202E right-to-left override,
 * U+2028), except the zero-width non-joiner and joiner (U+200C, U+200D) that names in some scripts need. (The bidirectional
 * embedding, override and isolate controls are refused earlier, in every text field as it is read: {@link StorableText}.) A name of
 * zero-width or no-break spaces only had been accepted and showed as blank on the roster (found by a fresh reviewer).
 * Null and blank are valid ({@code @NotBlank}, or the field's own rule such as a charge reference due for an amount paid,
 * says whether the field is required). Also on the processor's references (a charge's, a refund's): identifiers matched
 * against the processor's records, where a pasted tab or line break had been recorded. A refusal is
 * {@code 400 invalid-request} naming the field.
 */
@Documented
@Constraint(validatedBy = PrintedText.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PrintedText {

    String message() default "must be printable text: at least one letter or digit, and no invisible formatting, direction or line"
            + " separator characters (e.g. U+200B, U+202E, U+2028)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule of {@link PrintedText}. */
    final class Check implements ConstraintValidator<PrintedText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || printable(value);
        }

        /** Whether {@code text} has a letter or digit and no control, format (but U+200C, U+200D) or separator character. */
        public static boolean printable(String text) {
            boolean letterOrDigit = false;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                int type = Character.getType(c);
                if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                        || (type == Character.FORMAT && c != 0x200C && c != 0x200D)) {
                    return false;
                }
                letterOrDigit |= Character.isLetterOrDigit(c);
            }
            return letterOrDigit;
        }
    }
}
