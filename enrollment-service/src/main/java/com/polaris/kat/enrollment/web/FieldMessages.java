package com.polaris.kat.enrollment.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Map;

/**
 * The {@code message} of each field in a 400 {@code invalid-request} problem's {@code errors}, in a request's terms: a length
 * limit as characters ("must be at most 500 characters", "must be between 3 and 64 characters"), a list's as items ("must
 * have at most 12 items"), a bound as "must be at least 1" / "must be at most 1000" / "must be 0 or more". Bean Validation's
 * defaults ("size must be between 0 and 500", "must be greater than or equal to 1") said neither what is measured nor,
 * for a lower bound of 0, that there is none. A message a constraint sets itself (the
 * license state's, a UUID's) and every other constraint's default are kept as they are.
 */
public final class FieldMessages {

    private FieldMessages() {
    }

    /**
     * @param violation the field's violation (null: none known)
     * @param message   the message Bean Validation interpolated for it
     * @return the message to send
     */
    public static String of(ConstraintViolation<?> violation, String message) {
        if (violation == null) {
            return message;
        }
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        if (!isDefault(violation, constraint)) {
            return message;
        }
        if (constraint instanceof Size size) {
            Object value = violation.getInvalidValue();
            String unit = value instanceof Collection<?> || value instanceof Map<?, ?> || (value != null && value.getClass().isArray())
                    ? " items" : " characters";
            String verb = unit.equals(" items") ? "must have " : "must be ";
            if (size.min() <= 0) {
                return verb + "at most " + size.max() + unit;
            }
            if (size.max() == Integer.MAX_VALUE) {
                return verb + "at least " + size.min() + unit;
            }
            return verb + "between " + size.min() + " and " + size.max() + unit;
        }
        if (constraint instanceof Min min) {
            return "must be at least " + min.value();
        }
        if (constraint instanceof Max max) {
            return "must be at most " + max.value();
        }
        if (constraint instanceof PositiveOrZero) {
            return "must be 0 or more";
        }
        return message;
    }

    /** Whether the constraint's message is Bean Validation's own default (its template, {@code {jakarta...message}}). */
    private static boolean isDefault(ConstraintViolation<?> violation, Annotation constraint) {
        String template = violation.getMessageTemplate();
        return template != null && template.equals("{" + constraint.annotationType().getName() + ".message}");
    }
}
