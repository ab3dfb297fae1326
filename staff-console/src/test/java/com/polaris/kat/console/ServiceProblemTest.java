package com.polaris.kat.console;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's field messages as the console shows them beside a form field. */
class ServiceProblemTest {

    @Test
    void beanValidationMessagesAreShownInTheFormsWords() {
        assertThat(ServiceProblem.humane("reason", "must not be blank")).isEqualTo("Give the reason.");
        assertThat(ServiceProblem.humane("reason", "size must be between 0 and 500")).isEqualTo("Reason: at most 500 characters.");
        assertThat(ServiceProblem.humane("chargeReference", "size must be between 3 and 64")).isEqualTo("Charge reference: between 3 and 64 characters.");
        assertThat(ServiceProblem.humane("offerWindowMinutes", "must be greater than or equal to 1")).isEqualTo("Offer window minutes: at least 1.");
        assertThat(ServiceProblem.humane("places", "must be less than or equal to 500")).isEqualTo("Places: at most 500.");
        assertThat(ServiceProblem.humane("timeZone", "must be an IANA time zone")).isEqualTo("Time zone: must be an IANA time zone");
        assertThat(ServiceProblem.humane("", "must not be blank")).isEqualTo("must not be blank");
    }

    @Test
    void aFieldTheFormDoesNotHaveGoesToTheOtherFieldWithItsName() {
        ServiceProblem p = new ServiceProblem(400, "invalid-request", "Bad request", "…", null,
                Map.of("reason", "must not be blank", "extra", "must not be null"));
        assertThat(p.messagesByField(Map.of("reason", "reason"), "form"))
                .containsEntry("reason", "Give the reason.").containsEntry("form", "Give the extra.");
    }
}
