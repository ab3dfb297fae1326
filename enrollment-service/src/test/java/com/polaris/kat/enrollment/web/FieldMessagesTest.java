package com.polaris.kat.enrollment.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Field messages in a request's terms, from real Bean Validation violations (Hibernate Validator). */
class FieldMessagesTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Sample(@Size(max = 5) String reason, @Size(min = 3, max = 6) String reference, @Size(min = 2) String code,
                  @Size(max = 2) List<String> days, @Min(1) Integer minutes, @Max(10) Integer places, @PositiveOrZero Long cents,
                  @NotBlank String name, @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter state code") String state,
                  @Size(max = 1, message = "one at most") String custom) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Map<String, String> messages(Sample s) {
        Map<String, String> out = new TreeMap<>();
        for (ConstraintViolation<Sample> v : VALIDATOR.validate(s)) {
            out.put(v.getPropertyPath().toString(), FieldMessages.of(v, v.getMessage()));
        }
        return out;
    }

    @Test
    void lengthsListsAndBoundsSayWhatIsMeasured() {
        assertThat(messages(new Sample("123456", "12", "1", List.of("a", "b", "c"), 0, 11, -1L, " ", "ca", "12")))
                .containsEntry("reason", "must be at most 5 characters (6 given)")
                .containsEntry("reference", "must be between 3 and 6 characters (2 given)")
                .containsEntry("code", "must be at least 2 characters (1 given)")
                .containsEntry("days", "must have at most 2 items (3 given)")
                .containsEntry("minutes", "must be at least 1")
                .containsEntry("places", "must be at most 10")
                .containsEntry("cents", "must be 0 or more")
                // other constraints' defaults and a constraint's own message are kept
                .containsEntry("name", "must not be blank")
                .containsEntry("state", "must be a two-letter state code")
                .containsEntry("custom", "one at most")
                .hasSize(10);
    }

    @Test
    void withoutAViolationTheMessageIsKept() {
        assertThat(FieldMessages.of(null, "size must be between 0 and 500")).isEqualTo("size must be between 0 and 500");
    }

    record Item(@NotBlank String name) {
    }

    record Body(@NotBlank @Size(min = 1, max = 5) String reason, @Size(max = 2) List<@jakarta.validation.Valid Item> items, @NotNull Integer count) {
    }

    /** Errors as a request's binding gives them (Spring's adapter over Hibernate Validator), in the body's order. */
    @Test
    void errorsFollowTheBodysOrderAndABlankFieldIsSaidOnce() {
        Body body = new Body("", List.of(new Item("ok"), new Item(" "), new Item("x")), null);
        org.springframework.validation.DirectFieldBindingResult binding = new org.springframework.validation.DirectFieldBindingResult(body, "body");
        new org.springframework.validation.beanvalidation.SpringValidatorAdapter(VALIDATOR).validate(body, binding);
        List<org.springframework.validation.FieldError> shuffled = new java.util.ArrayList<>(binding.getFieldErrors());
        java.util.Collections.reverse(shuffled);
        List<Map<String, String>> expected = List.of(
                Map.of("field", "reason", "message", "must not be blank"),
                Map.of("field", "items", "message", "must have at most 2 items (3 given)"),
                Map.of("field", "items[1].name", "message", "must not be blank"),
                Map.of("field", "count", "message", "must not be null"));
        assertThat(FieldMessages.errors(binding.getFieldErrors(), Body.class)).isEqualTo(expected);
        assertThat(FieldMessages.errors(shuffled, Body.class)).isEqualTo(expected);
    }
}
