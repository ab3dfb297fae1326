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
 * limit as characters with how many were given ("must be at most 500 characters (612 given)", "must be between 3 and 64
 * characters (2 given)"), a list's as items ("must have at most 12 items (13 given)"); a bound as "must be at least 1" /
 * "must be at most 1000" / "must be 0 or more". Characters are counted as UTF-16 code units, as a browser's
 * {@code maxlength} counts them (docs/decisions.md). Bean Validation's defaults ("size must be between 0 and 500", "must
 * be greater than or equal to 1") said neither what is measured nor, for a lower bound of 0, that there is none. A message
 * a constraint sets itself (the license state's, a UUID's) and every other constraint's default are kept as they are.
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
            String given = given(value);
            if (size.min() <= 0) {
                return verb + "at most " + size.max() + unit + given;
            }
            if (size.max() == Integer.MAX_VALUE) {
                return verb + "at least " + size.min() + unit + given;
            }
            return verb + "between " + size.min() + " and " + size.max() + unit + given;
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

    /** How many characters or items were given, as the limit counts them: " (612 given)"; "" when unknown. */
    private static String given(Object value) {
        long n = value instanceof CharSequence c ? c.length() : value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size()
                : value != null && value.getClass().isArray() ? java.lang.reflect.Array.getLength(value) : -1;
        return n < 0 ? "" : " (" + n + " given)";
    }

    /** Whether the constraint's message is Bean Validation's own default (its template, {@code {jakarta...message}}). */
    private static boolean isDefault(ConstraintViolation<?> violation, Annotation constraint) {
        String template = violation.getMessageTemplate();
        return template != null && template.equals("{" + constraint.annotationType().getName() + ".message}");
    }

    /**
     * A 400 {@code invalid-request}'s {@code errors}: one {@code {field, message}} per broken constraint, in the order of the
     * body's fields (a record's components in declaration order, a list's items by index; fields of another type after them,
     * by name). Where a field is missing or blank ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}), only that is said
     * of it: an empty reason breaks its length bound too, but "must not be blank" is the one thing to fix.
     *
     * @param fieldErrors the binding's field errors, in any order
     * @param bodyType    the request body's type, whose fields give the order
     */
    public static java.util.List<Map<String, String>> errors(java.util.List<org.springframework.validation.FieldError> fieldErrors, Class<?> bodyType) {
        Map<String, java.util.List<org.springframework.validation.FieldError>> byField = new java.util.LinkedHashMap<>();
        fieldErrors.forEach(f -> byField.computeIfAbsent(f.getField(), k -> new java.util.ArrayList<>()).add(f));
        java.util.List<Map<String, String>> errors = new java.util.ArrayList<>();
        byField.entrySet().stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<String, java.util.List<org.springframework.validation.FieldError>> e) ->
                        BodyOrder.of(bodyType, e.getKey())).thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    java.util.List<org.springframework.validation.FieldError> own = e.getValue();
                    java.util.List<org.springframework.validation.FieldError> presence = own.stream().filter(FieldMessages::isPresence).toList();
                    (presence.isEmpty() ? own : presence.subList(0, 1)).stream()
                            .map(f -> of(f.contains(ConstraintViolation.class) ? f.unwrap(ConstraintViolation.class) : null, String.valueOf(f.getDefaultMessage())))
                            .distinct().sorted()
                            .forEach(m -> errors.add(Map.of("field", e.getKey(), "message", m)));
                });
        return errors;
    }

    /** Whether the error says the field is missing or blank. */
    private static boolean isPresence(org.springframework.validation.FieldError f) {
        String code = f.getCode();
        return "NotNull".equals(code) || "NotBlank".equals(code) || "NotEmpty".equals(code);
    }

    /** A field path's position in a body: per step, a record component's declaration index or a list item's index. */
    record BodyOrder(java.util.List<Integer> steps) implements Comparable<BodyOrder> {

        /** Where {@code path} ("classDays[0].date", "clinician.email") sits in {@code type}; unknown steps sort last. */
        static BodyOrder of(Class<?> type, String path) {
            java.util.List<Integer> steps = new java.util.ArrayList<>();
            java.lang.reflect.Type at = type;
            for (String step : path.split("\\.")) {
                int bracket = step.indexOf('[');
                String name = bracket < 0 ? step : step.substring(0, bracket);
                Class<?> raw = rawClass(at);
                java.lang.reflect.RecordComponent[] components = raw != null && raw.isRecord() ? raw.getRecordComponents() : new java.lang.reflect.RecordComponent[0];
                int index = Integer.MAX_VALUE;
                at = null;
                for (int c = 0; c < components.length; c++) {
                    if (components[c].getName().equals(name)) {
                        index = c;
                        at = components[c].getGenericType();
                    }
                }
                steps.add(index);
                if (bracket >= 0) {
                    String item = step.substring(bracket + 1, step.indexOf(']', bracket) < 0 ? step.length() : step.indexOf(']', bracket));
                    steps.add(item.chars().allMatch(Character::isDigit) && !item.isEmpty() && item.length() < 10 ? Integer.parseInt(item) : Integer.MAX_VALUE);
                    at = at instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments().length == 1 ? p.getActualTypeArguments()[0]
                            : rawClass(at) != null && rawClass(at).isArray() ? rawClass(at).getComponentType() : null;
                }
            }
            return new BodyOrder(steps);
        }

        private static Class<?> rawClass(java.lang.reflect.Type type) {
            return type instanceof Class<?> c ? c : type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
        }

        @Override
        public int compareTo(BodyOrder other) {
            for (int i = 0; i < Math.min(steps.size(), other.steps.size()); i++) {
                int c = Integer.compare(steps.get(i), other.steps.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(steps.size(), other.steps.size());
        }
    }
}
