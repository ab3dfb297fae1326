package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering, being refused and failing, an erasure request and the retention job leave no name, e-mail or
 * license number in the logs or the metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability // metrics exported, to be searched too
class NoPersonalDataInLogsTest extends EnrollmentServiceTestBase {

    @Test
    void logsOfRegistrationsAndRefusalsCarryNoPersonalData(CapturedOutput output) {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        post("/api/catalog/series", Map.of("seriesNumber", 501, "capacity", 1, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10"))));
        Map<String, Object> body = Map.of("clinician", Map.of("fullName", "Zelda Quixotic-Pseudonym", "email", "zelda.quixotic@example.org",
                        "profession", "Psychologist", "licenseNumber", "PSY-7741239", "licenseState", "CA"),
                // with the CE option (priced 0): a CE record keeps the identity until the retention job, whose log is searched too
                "ceOption", true, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_z", "processingFeeCents", 100));
        for (int i = 0; i < 3; i++) { // placed, then already registered, then sold out / malformed
            http.post().uri("/api/series/series-501/registrations").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "log-test-" + i).body(body).retrieve().toBodilessEntity();
        }
        http.post().uri("/api/series/series-501/registrations").contentType(MediaType.APPLICATION_JSON)
                .body("{\"clinician\":{\"fullName\":\"Zelda Quixotic-Pseudonym\",\"email\":\"zelda.quixotic@example.org\"},\"oops\":1}")
                .retrieve().toBodilessEntity();
        assertThat(eventTypes("series-501")).contains("SeatTaken");

        // issue 13's paths: the erasure request (the id in the URL is the pseudonym), a refused repeat, an unknown
        // clinician, and the retention job shredding the CE identity; then the metrics.
        String clinicianId = ids.fromEmail("zelda.quixotic@example.org");
        assertThat(clinicianId).isNotEqualTo(java.util.UUID.nameUUIDFromBytes("clinician:zelda.quixotic@example.org"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(post("/api/clinicians/" + clinicianId + "/erasure-requests", Map.of("reason", "test of the logs")).getStatusCode().value())
                .isEqualTo(201);
        assertThat(post("/api/clinicians/" + clinicianId + "/erasure-requests", Map.of("reason", "again")).getStatusCode().value())
                .isEqualTo(409);
        var byEmail = post("/api/clinicians/zelda.quixotic@example.org/erasure-requests", Map.of("reason", "by e-mail"));
        assertThat(byEmail.getStatusCode().value()).as("an e-mail is no clinician id: '@' is no character of an id").isEqualTo(400);
        assertThat(byEmail.getBody()).containsEntry("type", "urn:kat:problem:invalid-path");
        clock.set(java.time.Instant.now().plus(java.time.Duration.ofDays(7 * 366))); // retention counts from when the last CE event was recorded
        jdbc.update("UPDATE enrollment.scheduled_tasks SET execution_time = now() WHERE task_name = ?",
                com.polaris.kat.enrollment.privacy.RetentionSchedule.TASK);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                eventTypes(com.polaris.kat.events.privacy.PrivacyStreams.of(clinicianId)).contains("ClinicianCeIdentityShredded"));
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("kat_registrations_total").doesNotContain(clinicianId).doesNotContainIgnoringCase("zelda");
        assertThat(output.getAll()).contains("CE identity of clinician " + clinicianId + " shredded");
        assertThat(output.getAll()).doesNotContain("Zelda").doesNotContain("zelda.quixotic").doesNotContain("PSY-7741239");
    }

    @Test
    void aRequestNamingNoStreamIsA404WithoutAWarningAndStackTraceInTheLog(CapturedOutput output) {
        int before = output.getAll().length();
        org.springframework.http.ResponseEntity<java.util.Map> r = post("/api/series/series-404404/registrations/"
                + java.util.UUID.randomUUID() + "/refund-payouts", java.util.Map.of("outcome", "SETTLED", "processorRefundReference", "re_x"));
        assertThat(r.getStatusCode().value()).isEqualTo(404);
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain("Exception occurred while trying to load").doesNotContain("AggregateNotFoundException");
    }

    /**
     * A request line the web server cannot read (a raw space or a byte no URL may hold, in a query that names a person) is
     * refused 400 without the web server's log of the line: Tomcat logs the first such request at INFO with the request
     * target, personal data included, and a stack trace.
     */
    @Test
    void aRequestLineTheWebServerCannotReadLeavesNothingOfItInTheLog(CapturedOutput output) throws Exception {
        int before = output.getAll().length();
        for (String target : List.of("/api/clinicians?email=zelda.quixotic@example.org&name=Z\u00e9lda", "/api/clinicians?q={zelda.quixotic}",
                "/api/clinicians?q=zelda.quixotic@example.org\u0001")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(target)
                        .startsWith("HTTP/1.1 400 ");
            }
        }
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain("zelda").doesNotContain("Invalid character").doesNotContain("IllegalArgumentException");
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.polaris.kat.events.enrollment.ClinicianIds ids;
}
