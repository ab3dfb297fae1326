package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command answers its typed record with the documented fields, and every 201 says in
 * {@code Location} where the created thing can be read on the projection service (issue 14).
 */
class TypedResponsesHttpTest extends EnrollmentServiceTestBase {

    private static final String READ = "http://localhost:8082";

    @Test
    void catalogCommandsAnswerTheirRecordsAndCreatedOnesSayWhereToReadThem() {
        clock.set("2023-08-01T00:00:00Z");
        ResponseEntity<Map> module = post("/api/catalog/modules", Map.of("code", "TR1", "title", "Typed responses", "ceHours", 8));
        assertThat(module.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(module.getHeaders().getLocation()).hasToString(READ + "/api/catalog/modules/TR1");
        assertThat(module.getBody()).containsExactlyEntriesOf(Map.of("moduleCode", "TR1"));

        ResponseEntity<Map> series = post("/api/catalog/series", Map.of("seriesNumber", 651, "capacity", 3, "priceCents", 210000,
                "ceOptionPriceCents", 7500, "classDays", List.of(Map.of("module", "TR1", "date", "2023-10-10"))));
        assertThat(series.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(series.getHeaders().getLocation()).hasToString(READ + "/api/catalog/series/651");
        assertThat(series.getBody()).containsExactlyEntriesOf(Map.of("seriesId", "series-651"));

        ResponseEntity<Map> capacity = put("/api/catalog/series/series-651/capacity", Map.of("capacity", 4, "reason", "bigger room"));
        assertThat(capacity.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(capacity.getHeaders().getLocation()).isNull();
        assertThat(capacity.getBody()).containsExactlyEntriesOf(Map.of("seriesId", "series-651"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !eventTypes("TR1-2023-10-10").isEmpty());
        ResponseEntity<Map> places = put("/api/catalog/class-days/TR1-2023-10-10/make-up-places", Map.of("places", 1));
        assertThat(places.getBody()).containsExactlyEntriesOf(Map.of("classDayId", "TR1-2023-10-10"));
    }

    @Test
    void aRegistrationPointsAtItsReadUrlARepeatAnswersTheSameRecordWithoutLocation() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        post("/api/catalog/series", Map.of("seriesNumber", 652, "capacity", 3, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-11"))));
        // the class day is scheduled asynchronously: wait for it, so no event of this test lands in another test's count
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !eventTypes("M1-2023-10-11").isEmpty());
        String key = "typed-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("clinician", Map.of("fullName", "Dr. Typed", "email", "typed@example.org", "profession", "Psychologist",
                "licenseNumber", "PSY651", "licenseState", "CA"), "ceOption", true,
                "payment", Map.of("amountPaidCents", 217500, "chargeReference", "ch_typed", "processingFeeCents", 6338));
        ResponseEntity<Map> first = register("series-652", body, key);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) first.getBody().get("registrationId");
        assertThat(first.getHeaders().getLocation()).hasToString(READ + "/api/registrations/" + id);
        assertThat(first.getBody().keySet()).containsExactly("seriesId", "registrationId", "clinicianId", "status", "replayed");

        ResponseEntity<Map> again = register("series-652", body, key);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getHeaders().getLocation()).isNull();
        assertThat(again.getBody()).containsEntry("registrationId", id).containsEntry("replayed", true);

        clock.set("2023-09-01T00:00:00Z");
        ResponseEntity<Map> cancelled = post("/api/series/series-652/registrations/" + id + "/cancel", Map.of("reason", "typed"));
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody().keySet()).containsExactly("seriesId", "registrationId", "status", "policyVersion", "rule", "requestedAt",
                "cutoff", "onTime", "choice", "cashPaid", "creditPaid", "refundBase", "adminFee", "processingFee", "adminFeeKept", "processingFeeKept",
                "refundAmount", "creditIssued",
                "refundAmountCents", "creditIssuedCents");
        assertThat(cancelled.getBody()).containsEntry("refundAmount", "2086.62").containsEntry("refundAmountCents", 208662)
                .containsEntry("cutoff", "2023-09-27T16:00:00Z").containsEntry("choice", null);

        ResponseEntity<Map> payout = post("/api/series/series-652/registrations/" + id + "/refund-payouts",
                Map.of("outcome", "SETTLED", "processorRefundReference", "re_typed"));
        assertThat(payout.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("seriesId", "series-652", "registrationId", id, "outcome", "SETTLED"));
    }

    @Test
    void attendanceEvaluationsAndMakeUpsPointAtTheRegistrationsAttendance() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        post("/api/catalog/series", Map.of("seriesNumber", 653, "capacity", 3, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-12"))));
        post("/api/catalog/series", Map.of("seriesNumber", 654, "capacity", 3, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-19"))));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !eventTypes("M1-2023-10-12").isEmpty() && !eventTypes("M1-2023-10-19").isEmpty());
        assertThat(put("/api/catalog/class-days/M1-2023-10-19/make-up-places", Map.of("places", 1)).getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = Map.of("clinician", Map.of("fullName", "Dr. Present", "email", "present@example.org", "profession", "Psychologist",
                "licenseNumber", "PSY653", "licenseState", "CA"), "ceOption", true,
                "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_present", "processingFeeCents", 6100));
        String id = (String) register("series-653", body, null).getBody().get("registrationId");
        String base = "/api/series/series-653/registrations/" + id;
        String attendance = READ + "/api/registrations/" + id + "/attendance";

        ResponseEntity<Map> makeUp = post(base + "/make-ups", Map.of("moduleCode", "M1", "classDayId", "M1-2023-10-19"));
        assertThat(makeUp.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(makeUp.getHeaders().getLocation()).hasToString(attendance);
        assertThat(makeUp.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("registrationId", id, "moduleCode", "M1", "classDayId", "M1-2023-10-19"));

        clock.set("2023-10-20T02:00:00Z");
        ResponseEntity<Map> recorded = post(base + "/attendance", Map.of("classDayId", "M1-2023-10-19", "joinedAt", "2023-10-19T16:00:00Z",
                "leftAt", "2023-10-20T00:00:00Z", "verification", "PLATFORM_LOG"));
        assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(recorded.getHeaders().getLocation()).hasToString(attendance);
        assertThat(recorded.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("classDayId", "M1-2023-10-19", "registrationId", id, "recorded", true));

        ResponseEntity<Map> corrected = post(base + "/attendance-corrections", Map.of("classDayId", "M1-2023-10-19", "minutesPresent", 480,
                "verification", "STAFF_SIGN_IN", "reason", "sign-in sheet"));
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(corrected.getHeaders().getLocation()).hasToString(attendance);

        ResponseEntity<Map> evaluated = post(base + "/evaluations", Map.of("moduleCode", "M1"));
        assertThat(evaluated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(evaluated.getHeaders().getLocation()).hasToString(attendance);
        assertThat(evaluated.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("moduleCode", "M1", "registrationId", id, "recorded", true));
    }

    @Test
    void anEmptyReadBaseUrlGivesPathsOnlyAndVariablesAreEncoded() {
        assertThat(new ReadLocations("").registration("a b")).hasToString("/api/registrations/a%20b");
        assertThat(new ReadLocations("https://kat.example/").series(20)).hasToString("https://kat.example/api/catalog/series/20");
    }

    private ResponseEntity<Map> register(String seriesId, Map<String, Object> body, String key) {
        var req = http.post().uri("/api/series/" + seriesId + "/registrations").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            req = req.header("Idempotency-Key", key);
        }
        return req.body(body).retrieve().toEntity(Map.class);
    }
}
