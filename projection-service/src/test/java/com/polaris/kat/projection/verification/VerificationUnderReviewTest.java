package com.polaris.kat.projection.verification;

import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.streaming.ParkedEvents;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static com.polaris.kat.projection.certificates.CeHistory.earned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A certificate whose registration has an event the certificates' view could not apply (parked) is confirmed neither as
 * valid nor as withdrawn: its view may lack a withdrawal (a fresh reviewer's certificate read VALID, 48 h, after its M2 hours
 * were withdrawn behind a parked event). Other certificates answer as before. The parked event is made by a handler of the
 * transcripts' processing group that fails on one correction, as a projection fault would.
 */
@Import(VerificationUnderReviewTest.FailsOnOneCorrection.class)
class VerificationUnderReviewTest extends ProjectionServiceTestBase {

    /** Fails on the correction whose reason says so: its event is parked, and every later event of that registration. */
    @ProcessingGroup("transcripts")
    public static class FailsOnOneCorrection {
        @EventHandler
        void on(AttendanceCorrected e) {
            if ("fails to project".equals(e.reason())) {
                throw new IllegalStateException("test: this correction cannot be projected");
            }
        }
    }

    @Autowired
    ParkedEvents parked;

    @Test
    void aCertificateWhoseRegistrationHasAParkedEventIsUnderReviewOthersAnswerAsBefore() {
        List<SeriesClassDay> days = List.of(day("M1", "2024-04-01"), day("M2", "2024-04-08"));
        append("series-94", CeHistory.series(94, days), "registrar");
        for (String r : List.of("r94a", "r94b")) {
            append(r, CeHistory.placed("series-94", r, "c-" + r, new Clinician("Pat " + r, r + "@example.org", "Psychiatrist", "MD-" + r, "WA"), true),
                    "front-end");
            for (SeriesClassDay d : days) {
                append(r, earned("series-94", r, "c-" + r, d), "attendance-staff");
            }
        }
        String stuck = CeHistory.certificateCode(port, "r94a", head());
        String other = CeHistory.certificateCode(port, "r94b", head());
        SeriesClassDay m2 = days.get(1);
        append("r94a", new AttendanceCorrected("series-94", "r94a", "c-r94a", m2.classDayId(), "M2", m2.startsAt(), m2.endsAt(), List.of(), null,
                null, null, "fails to project", List.of(), null), "attendance-staff");
        await().atMost(Duration.ofSeconds(30)).until(() -> parked.anyParked("transcripts", "r94a"));

        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port).defaultHeader("X-Forwarded-For", "203.0.113.94")
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
        ResponseEntity<Map> json = anonymous.get().uri("/verify/{code}", stuck).accept(MediaType.APPLICATION_JSON).retrieve().toEntity(Map.class);
        assertThat(json.getStatusCode().value()).isEqualTo(503);
        assertThat(json.getHeaders().getFirst("Retry-After")).as("waiting alone does not help").isNull();
        assertThat(json.getBody()).containsEntry("type", "urn:kat:problem:certificate-under-review").doesNotContainKey("participant")
                .doesNotContainValue("VALID");
        assertThat((String) json.getBody().get("detail")).contains("cannot be confirmed just now, either as valid or as withdrawn");
        ResponseEntity<String> page = anonymous.get().uri("/verify/{code}", stuck).header("Accept", "text/html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(503);
        assertThat(page.getBody()).contains("data-problem-type=\"urn:kat:problem:certificate-under-review\"")
                .contains("The certificate could not be checked just now: <span>Certificate under review</span>").doesNotContain("Pat r94a");

        ResponseEntity<Map> fine = anonymous.get().uri("/verify/{code}", other).accept(MediaType.APPLICATION_JSON).retrieve().toEntity(Map.class);
        assertThat(fine.getStatusCode().value()).isEqualTo(200);
        assertThat(fine.getBody()).containsEntry("status", "VALID");
    }
}
