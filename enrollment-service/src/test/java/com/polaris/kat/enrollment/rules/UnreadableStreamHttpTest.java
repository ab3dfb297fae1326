package com.polaris.kat.enrollment.rules;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A series stream holding an event type this build does not know (as a newer version would write
 * it): no decision is taken on it, the caller gets 503 stream-unreadable, nothing is appended, and
 * one ERROR line per attempt names the stream, the sequence number and the type.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableStreamHttpTest extends EnrollmentServiceTestBase {

    private static final String FROM_THE_FUTURE = "com.polaris.kat.events.FromTheFuture";

    private static Map<String, Object> registration(String email) {
        return Map.of("clinician", Map.of("fullName", "Dr. Test", "email", email, "profession", "Psychologist",
                        "licenseNumber", "PSY123", "licenseState", "CA"), "ceOption", false,
                "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_" + email.hashCode(), "processingFeeCents", 6338));
    }

    private long seriesEvents(String seriesId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, seriesId);
    }

    /** Appends, behind the service's back, an event whose payload class does not exist in this build. */
    private long appendUnknownEvent(String seriesId) {
        long next = jdbc.queryForObject("SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, seriesId);
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                        + " payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, 'Series', ?, ?, NULL, convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))",
                UUID.randomUUID().toString(), seriesId, next, "2024-01-02T00:00:00Z", FROM_THE_FUTURE,
                "{\"seriesId\":\"" + seriesId + "\",\"seatsHeld\":1}");
        return next;
    }

    private static void assertStreamUnreadable(ResponseEntity<Map> r, String seriesId) {
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("60");
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:stream-unreadable").containsEntry("status", 503);
        assertThat((String) r.getBody().get("detail")).contains(seriesId).contains(FROM_THE_FUTURE).contains("nothing was changed");
    }

    private static long errorLines(CapturedOutput output, String seriesId, long sequence) {
        return output.getAll().lines()
                .filter(l -> l.contains("ERROR") && l.contains("Event stream " + seriesId + " cannot be read in full")
                        && l.contains("sequence number " + sequence + " ") && l.contains(FROM_THE_FUTURE))
                .count();
    }

    @Test
    void aSeriesStreamWithAnUnknownEventTypeAnswers503SellsNoSeatAndLogsTheStream(CapturedOutput output) {
        clock.set("2024-01-01T00:00:00Z");
        defineProgramModules();
        String seriesId = "series-9720"; // not 720: ParticipantReportHttpTest numbers its series from 701, one a test
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", 9720, "capacity", 2, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2024-06-03")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/series/" + seriesId + "/registrations", registration("unreadable-1@example.org")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventTypes("M1-2024-06-03").isEmpty());

        long sequence = appendUnknownEvent(seriesId);
        long before = seriesEvents(seriesId);

        assertStreamUnreadable(post("/api/series/" + seriesId + "/registrations", registration("unreadable-2@example.org")), seriesId);
        assertThat(seriesEvents(seriesId)).as("nothing appended to the series").isEqualTo(before);
        assertThat(eventTypes(seriesId)).containsExactly("SeriesScheduled", "SeatTaken", FROM_THE_FUTURE);
        assertThat(errorLines(output, seriesId, sequence)).as("one ERROR line: the command was not retried").isEqualTo(1);

        // Any decision on that stream, by any role, is refused the same way (and the aggregate's lock was released).
        assertStreamUnreadable(put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 3, "reason", "bigger room")), seriesId);
        assertThat(seriesEvents(seriesId)).isEqualTo(before);
        assertThat(errorLines(output, seriesId, sequence)).isEqualTo(2);
    }
}
