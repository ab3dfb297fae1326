package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends EnrollmentServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheCommandsWithExamplesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        com.polaris.kat.testsupport.ApiContractCheck.write("enrollment-service", r.getBody());
        assertThat(r.getBody()).contains("/api/series/{seriesId}/registrations").contains("/api/credit/transfers")
                .contains("dana.rivera@example.org").contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
    }

    /**
     * Every operation has a summary, a typed success schema with an example (a page's items have theirs),
     * Location on its 201, and its problems as application/problem+json (ApiContractCheck).
     */
    @Test
    void everyOperationKeepsTheContract() throws Exception {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(com.polaris.kat.testsupport.ApiContractCheck.breaches(r.getBody())).isEmpty();
        assertThat(r.getBody()).contains("\"summary\"");
    }

    /**
     * Request fields' lower bounds as the service enforces them (a fresh reviewer's finding): a blank reason or an empty
     * list is refused, so minLength / minItems is 1, not the 0 a {@code @Size(max = 500)} beside {@code @NotBlank} had
     * written; cents are 0 or more.
     */
    @Test
    void requestFieldsStateTheLowerBoundsTheServiceEnforces() throws Exception {
        var schemas = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get().uri("/v3/api-docs").retrieve().body(String.class))
                .path("components").path("schemas");
        assertThat(schemas.path("MoveClassDayRequest").path("properties").path("reason").path("minLength").asInt(-1)).isEqualTo(1);
        assertThat(schemas.path("MoveClassDayRequest").path("properties").path("reason").path("maxLength").asInt(-1)).isEqualTo(500);
        assertThat(schemas.path("ClinicianRequest").path("properties").path("email").path("minLength").asInt(-1)).isEqualTo(1);
        assertThat(schemas.path("ScheduleSeriesRequest").path("properties").path("classDays").path("minItems").asInt(-1)).isEqualTo(1);
        assertThat(schemas.path("IgnoreRowsRequest").path("properties").path("lines").path("minItems").asInt(-1)).isEqualTo(1);
        for (String cents : java.util.List.of("amountPaidCents", "processingFeeCents")) {
            assertThat(schemas.path("PaymentRequest").path("properties").path(cents).path("minimum").asInt(-1)).as(cents).isZero();
        }
        assertThat(schemas.path("ScheduleSeriesRequest").path("properties").path("priceCents").path("minimum").asInt(-1)).isZero();
        // an optional reason may be left empty: its 0 stays
        assertThat(schemas.path("CancelRequest").path("properties").path("reason").path("minLength").asInt(-1)).isZero();
    }

    /** A malformed Idempotency-Key is a 400 (RequestShape), and the description says so: it had been listed under 422. */
    @Test
    void aMalformedIdempotencyKeyIsListedAs400() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get().uri("/v3/api-docs").retrieve().body(String.class));
        for (String path : java.util.List.of("/api/series/{seriesId}/registrations", "/api/credit/transfers")) {
            var responses = doc.path("paths").path(path).path("post").path("responses");
            assertThat(responses.path("400").path("description").asText()).as(path).contains("urn:kat:problem:invalid-idempotency-key");
            assertThat(responses.path("422").path("description").asText()).as(path).doesNotContain("invalid-idempotency-key")
                    .contains("urn:kat:problem:idempotency-key-reused");
        }
        // every command lists the header and its 400, also those whose handler does not name the header (e.g. a payout)
        var payout = doc.path("paths").path("/api/series/{seriesId}/registrations/{registrationId}/refund-payouts").path("post");
        assertThat(payout.path("responses").path("400").path("description").asText()).contains("urn:kat:problem:invalid-idempotency-key");
        assertThat(payout.path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        // and what a used key answers, on every command (payouts answered both without listing them)
        assertThat(payout.path("responses").path("422").path("description").asText()).contains("urn:kat:problem:idempotency-key-reused");
        assertThat(payout.path("responses").path("409").path("description").asText()).contains("urn:kat:problem:idempotency-key-in-use");
        var schedule = doc.path("paths").path("/api/catalog/series").path("post").path("responses");
        assertThat(schedule.path("422").path("description").asText()).contains("urn:kat:problem:idempotency-key-reused");
        // an erasure request claims its key as the others do (a resend after a 503 answers its outcome)
        var erasure = doc.path("paths").path("/api/clinicians/{clinicianId}/erasure-requests").path("post").path("responses");
        assertThat(erasure.path("422").path("description").asText()).contains("urn:kat:problem:idempotency-key-reused");
        assertThat(erasure.path("409").path("description").asText()).contains("urn:kat:problem:idempotency-key-in-use")
                .contains("urn:kat:problem:erasure-already-requested");
        // a command that checks the key but does not claim it lists neither 422 nor 409 of a used key, and says what a repeat is
        for (String path : java.util.List.of("/api/class-days/{classDayId}/participant-reports")) {
            var notClaimed = doc.path("paths").path(path).path("post");
            assertThat(notClaimed.path("responses").path("400").path("description").asText()).as(path).contains("urn:kat:problem:invalid-idempotency-key");
            assertThat(notClaimed.path("responses").path("422").path("description").asText()).as(path).doesNotContain("idempotency-key-reused");
            assertThat(notClaimed.path("responses").path("409").path("description").asText()).as(path).doesNotContain("idempotency-key-in-use");
            assertThat(notClaimed.path("parameters").findValues("description").stream().map(com.fasterxml.jackson.databind.JsonNode::asText))
                    .as(path).anyMatch(d -> d.startsWith("Checked (1-190 printable ASCII characters other than @, one header) but not claimed: "));
        }
        // a participant report may be up to 4 MiB (kat.http.large-body-paths); every other body up to 64 KiB
        assertThat(doc.path("paths").path("/api/class-days/{classDayId}/participant-reports").path("post").path("responses").path("413")
                .path("description").asText()).contains("4 MiB").doesNotContain("64 KiB");
        assertThat(payout.path("responses").path("413").path("description").asText()).contains("64 KiB");
        // a 503 names its Retry-After
        assertThat(payout.path("responses").path("503").path("headers").path("Retry-After").path("schema").path("type").asText())
                .isEqualTo("integer");
        var register = doc.path("paths").path("/api/series/{seriesId}/registrations").path("post");
        assertThat(register.path("parameters").findValuesAsText("name").stream().filter("Idempotency-Key"::equalsIgnoreCase)).hasSize(1);
        for (var p : register.path("parameters")) {
            if (p.path("name").asText().equalsIgnoreCase("Idempotency-Key")) {
                assertThat(p.path("schema").path("maxLength").asInt()).as("the header's limits where the handler names it").isEqualTo(190);
            }
        }
        var unknown = http.post().uri("/api/series/series-99998/waitlist").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("clinician", java.util.Map.of("fullName", "Una Known", "email", "una.known@example.org",
                        "profession", "Psychologist", "licenseNumber", "PSY-1", "licenseState", "CA"))).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(unknown.getBody()).contains("urn:kat:problem:series-not-found");
        assertThat(doc.path("paths").path("/api/series/{seriesId}/waitlist").path("post").path("responses").path("404").path("description").asText())
                .contains("urn:kat:problem:series-not-found");
        var refused = http.post().uri("/api/series/series-1/registrations").header("Idempotency-Key", "")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body("{}").retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("urn:kat:problem:invalid-idempotency-key");
    }

    /** Every command's success responses name KAT-Event-Position, which CommandSender sets (it was in the README only). */
    @Test
    void everyCommandsSuccessNamesTheEventPositionHeader() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get().uri("/v3/api-docs").retrieve().body(String.class));
        int commands = 0;
        java.util.List<String> paths = new java.util.ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        for (String path : paths) {
            for (String method : java.util.List.of("post", "put", "patch", "delete")) {
                var op = doc.path("paths").path(path).path(method);
                if (op.isMissingNode()) {
                    continue;
                }
                commands++;
                java.util.List<String> statuses = new java.util.ArrayList<>();
                op.path("responses").fieldNames().forEachRemaining(statuses::add);
                assertThat(statuses.stream().filter(s -> s.startsWith("2"))).as(method + " " + path).isNotEmpty();
                for (String status : statuses) {
                    if (status.startsWith("2")) {
                        assertThat(op.path("responses").path(status).path("headers").path("KAT-Event-Position").path("schema").path("type").asText())
                                .as(method + " " + path + " " + status).isEqualTo("integer");
                    }
                }
            }
        }
        assertThat(commands).isGreaterThan(20);
        // and the service sets it: a command's answer carries it
        clock.set("2032-01-05T00:00:00Z");
        defineProgramModules();
        var created = post("/api/catalog/series", java.util.Map.of("seriesNumber", 7403, "capacity", 5, "priceCents", 210000,
                "ceOptionPriceCents", 7500, "classDays", java.util.List.of(java.util.Map.of("module", "M3", "date", "2032-03-12"))));
        assertThat(created.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(created.getHeaders().getFirst("KAT-Event-Position")).matches("[0-9]+");
    }
}
