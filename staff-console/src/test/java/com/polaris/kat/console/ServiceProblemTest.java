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
        // the enrollment service's own words (web/FieldMessages)
        assertThat(ServiceProblem.humane("reason", "must be at most 500 characters")).isEqualTo("Reason: at most 500 characters.");
        assertThat(ServiceProblem.humane("reason", "must be at most 500 characters (612 given)")).isEqualTo("Reason: at most 500 characters; 612 given.");
        assertThat(ServiceProblem.humane("classDays", "must have at most 12 items (13 given)")).isEqualTo("Class days: at most 12 items; 13 given.");
        assertThat(ServiceProblem.humane("chargeReference", "must be between 3 and 64 characters")).isEqualTo("Charge reference: between 3 and 64 characters.");
        assertThat(ServiceProblem.humane("classDays", "must have at most 12 items")).isEqualTo("Class days: at most 12 items.");
        assertThat(ServiceProblem.humane("offerWindowMinutes", "must be at least 1")).isEqualTo("Offer window minutes: at least 1.");
        assertThat(ServiceProblem.humane("places", "must be at most 500")).isEqualTo("Places: at most 500.");
        assertThat(ServiceProblem.humane("priceCents", "must be 0 or more")).isEqualTo("Price cents: 0 or more.");
        assertThat(ServiceProblem.humane("timeZone", "must be an IANA time zone")).isEqualTo("Time zone: must be an IANA time zone");
        assertThat(ServiceProblem.humane("", "must not be blank")).isEqualTo("must not be blank");
    }

    /** The attendance form's refusals: each at its segment's input (segments[i] counts the pairs sent), in the form's words. */
    @Test
    void attendanceRefusalsAreAtTheSegmentsInputInTheFormsWords() {
        java.util.List<String[]> typed = java.util.List.of(new String[]{"09:00", "12:00"}, new String[]{"12:30", "15:00"},
                new String[]{"23:40", "23:50"});
        ServiceProblem outside = new ServiceProblem(422, "attendance-outside-class-day", "Attendance outside class day",
                "joinedAt and leftAt must lie on class day M1-2026-07-11: between 2026-07-11T10:00:00Z and 2026-07-12T06:00:00Z (its 09:00-17:00 "
                        + "Pacific, 6 hours either side); 2026-07-12T06:40:00Z does not.", "segments[2].joinedAt");
        assertThat(RosterPages.attendanceErrors(outside, typed)).containsExactly(Map.entry("joinedAt-2",
                "Joined 23:40 in segment 3 is not on the class day: from 03:00 to 23:00 Pacific time (its 09:00–17:00, 6 hours either side)."));
        ServiceProblem blank = new ServiceProblem(400, "invalid-request", "Invalid request", "…", null, Map.of("reason", "must not be blank"));
        assertThat(RosterPages.attendanceErrors(blank, typed)).containsExactly(Map.entry("reason", "Give the reason for the correction."));
        ServiceProblem required = new ServiceProblem(422, "reason-required", "Reason required", "An attendance correction needs a reason.", "reason");
        assertThat(RosterPages.attendanceErrors(required, typed)).containsExactly(Map.entry("reason", "Give the reason for the correction."));
        // a fraction of a second: the time as typed, not the service's UTC instant (a fresh reviewer's 09:05:30.250)
        java.util.List<String[]> fraction = java.util.List.of(new String[]{"09:00", "12:00"}, new String[]{"12:30", "15:00:30.250"});
        ServiceProblem fractional = new ServiceProblem(422, "invalid-attendance", "Invalid attendance", "joinedAt and leftAt are recorded to the"
                + " second, as platform logs and sign-in sheets give them; 2026-07-11T22:00:30.250Z has a fraction of a second.", "segments[1].leftAt");
        assertThat(RosterPages.attendanceErrors(fractional, fraction)).containsExactly(Map.entry("leftAt-1",
                "Left 15:00:30.250 in segment 2 has a fraction of a second: times are recorded to the second, like 09:05:30 (Pacific time)."));
        // a refusal about no input of the form is for the form as a whole, in the service's detail
        ServiceProblem many = new ServiceProblem(422, "invalid-attendance", "Invalid attendance", "At most 200 segments per class day; 201 given.", "segments");
        assertThat(RosterPages.attendanceErrors(many, typed)).containsExactly(Map.entry("", "At most 200 segments per class day; 201 given."));
        assertThat(RosterPages.timeInput("leftAt")).isEqualTo("leftAt");
        assertThat(RosterPages.timeInput("segments[0].joinedAt")).isEqualTo("joinedAt");
        assertThat(RosterPages.timeInput("segments[4].leftAt")).isEqualTo("leftAt-4");
        assertThat(RosterPages.timeInput("minutesPresent")).isNull();
    }

    @Test
    void theReadSidesAdviceToApiClientsOnA404IsNotShownToStaff() throws Exception {
        byte[] body = ("{\"type\":\"urn:kat:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"No CE record exists for "
                + "clinician c-1. If a command just wrote it, it may not be visible yet: read with minPosition set to that command's "
                + "KAT-Event-Position.\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ServiceProblem p = ServiceProblem.from(org.springframework.web.client.HttpClientErrorException.create(
                org.springframework.http.HttpStatus.NOT_FOUND, "Not Found", org.springframework.http.HttpHeaders.EMPTY, body, null),
                new com.fasterxml.jackson.databind.ObjectMapper());
        assertThat(p.detail()).isEqualTo("No CE record exists for clinician c-1.");
        assertThat(ServiceProblem.forStaff("There is no series series-9.")).isEqualTo("There is no series series-9.");
    }

    @Test
    void textTheServiceCannotStoreIsNamedInWordsAtItsInput() {
        assertThat(ServiceProblem.unusableText("Field 'reason' has a value that cannot be used: text may not contain control character U+0007"))
                .isEqualTo("Reason: it has an invisible character (U+0007), pasted with it perhaps; type it again.");
        assertThat(ServiceProblem.unusableText("Field 'payment.chargeReference' has a value that cannot be used: text may not contain an unpaired "
                + "surrogate (U+D800)")).isEqualTo("Charge reference: it has an invisible character (U+D800), pasted with it perhaps; type it again.");
        assertThat(ServiceProblem.unusableText("Field 'newDate' must be a date")).isEqualTo("Field 'newDate' must be a date");
    }

    /** The report upload's time zone, checked by the console as the service checks it: a region, or UTC; never a fixed offset. */
    @Test
    void aReportTimeZoneIsARegionNeverAFixedOffsetWhateverItsName() {
        for (String zone : java.util.List.of("America/Los_Angeles", "America/Phoenix", "US/Pacific", "UTC", "Etc/UTC")) {
            assertThat(ParticipantReportPages.isTimeZone(zone)).as(zone).isTrue();
        }
        for (String zone : java.util.List.of("-08:00", "GMT-8", "UTC+05:00", "Etc/GMT+8", "Etc/GMT-14", "PST", "Nowhere/City")) {
            assertThat(ParticipantReportPages.isTimeZone(zone)).as(zone).isFalse();
        }
    }

    @Test
    void aFieldTheFormDoesNotHaveGoesToTheOtherFieldWithItsName() {
        ServiceProblem p = new ServiceProblem(400, "invalid-request", "Bad request", "…", null,
                Map.of("reason", "must not be blank", "extra", "must not be null"));
        assertThat(p.messagesByField(Map.of("reason", "reason"), "form"))
                .containsEntry("reason", "Give the reason.").containsEntry("form", "Give the extra.");
    }
}
